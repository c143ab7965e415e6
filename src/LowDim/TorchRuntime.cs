using System.Runtime.InteropServices;
using TorchSharp;

namespace LowDim;

/// <summary>
/// Process-wide settings of the tensor runtime: the compute device, the thread count, and the
/// OpenMP wait policy that keeps idle worker threads from spinning on shared machines.
/// </summary>
public static partial class TorchRuntime
{
    /// <summary>The spin count <see cref="UseShortOpenMpWaits"/> sets: about a hundred microseconds of spinning.</summary>
    public const int OpenMpSpinCount = 3_000;

    /// <summary>
    /// Lets libtorch's OpenMP worker threads spin for a short while (GOMP_SPINCOUNT=3000) before they
    /// sleep, unless the user set OMP_WAIT_POLICY or GOMP_SPINCOUNT. Must run before the first tensor is
    /// made: OpenMP reads it once, when libtorch loads. (.NET's Environment.SetEnvironmentVariable does not
    /// reach the native environment on Linux.)
    /// </summary>
    /// <remarks>
    /// A training step is dozens of short parallel operations back to back. With OMP_WAIT_POLICY=PASSIVE
    /// the workers sleep after each and are woken for the next: one epoch of the benchmark MLP
    /// (bench/train.sh, 2 threads on 2 cores) took 9.2 s, against 6.8 s with 3,000 spins and 6.6 s with
    /// libgomp's default of 300,000. Spinning costs when more threads want the cores than there are: two
    /// such runs at once took 13.5 s an epoch each with PASSIVE, 18.5 s with 3,000 spins and 31.9 s with
    /// the default. 3,000 keeps nearly all of the gain alone and limits the loss when oversubscribed;
    /// several runs that share cores should use fewer threads each, or set OMP_WAIT_POLICY=PASSIVE.
    /// </remarks>
    public static void UseShortOpenMpWaits()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OMP_WAIT_POLICY"))) return;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GOMP_SPINCOUNT"))) return;
        string count = OpenMpSpinCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) SetEnvironment("GOMP_SPINCOUNT", count, 0);
        Environment.SetEnvironmentVariable("GOMP_SPINCOUNT", count);
    }

    /// <summary>
    /// The device a run computes on. <c>auto</c> is CUDA when the CUDA build of TorchSharp is in use
    /// and a GPU is present, else the CPU.
    /// </summary>
    /// <exception cref="InvalidInputException">An unknown name, or <c>cuda</c> without a usable GPU.</exception>
    public static torch.Device ResolveDevice(string name)
    {
        switch (name.Trim().ToLowerInvariant())
        {
            case "auto":
                return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
            case "cpu":
                return torch.CPU;
            case "cuda":
                if (!torch.cuda.is_available())
                    throw new InvalidInputException("--device cuda: no CUDA device is available (build with -p:LowDimTorch=cuda on a machine with an NVIDIA GPU; see docs/torchsharp-on-linux.md)");
                return torch.CUDA;
            default:
                throw new InvalidInputException($"--device must be auto, cpu or cuda, not '{name}'");
        }
    }

    /// <summary>Checks that <paramref name="name"/> is auto, cpu or cuda, without looking for a GPU.</summary>
    /// <exception cref="InvalidInputException">Any other name.</exception>
    public static void CheckDeviceName(string name)
    {
        if (name.Trim().ToLowerInvariant() is not ("auto" or "cpu" or "cuda"))
            throw new InvalidInputException($"--device must be auto, cpu or cuda, not '{name}'");
    }

    /// <summary>Sets the number of CPU threads the tensor runtime uses; null keeps its default (one per core).</summary>
    public static void SetThreads(int? threads)
    {
        if (threads is null) return;
        if (threads < 1) throw new InvalidInputException($"--threads must be at least 1, got {threads}");
        torch.set_num_threads(threads.Value);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
