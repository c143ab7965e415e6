using System.Runtime.InteropServices;

namespace LowDim.Bench;

/// <summary>How much resident memory an action adds at its peak, from Linux's /proc/self/status.</summary>
internal static class PeakMemory
{
    /// <summary>
    /// VmHWM after <paramref name="action"/> minus VmRSS before it, in bytes; null off Linux.
    /// Free heap memory is handed back to the kernel first (malloc_trim), so that memory freed by
    /// earlier runs and reused now still counts, and the high-water mark is reset by writing 5
    /// to /proc/self/clear_refs.
    /// </summary>
    public static long? Extra(Action action)
    {
        if (!OperatingSystem.IsLinux())
        {
            action();
            return null;
        }
        GC.Collect();
        MallocTrim(0);
        long before = Status("VmRSS");
        File.WriteAllText("/proc/self/clear_refs", "5");
        action();
        return Status("VmHWM") - before;
    }

    /// <summary>A "Name:   123 kB" line of /proc/self/status, in bytes.</summary>
    private static long Status(string name)
    {
        string line = File.ReadLines("/proc/self/status").Single(line => line.StartsWith(name + ":", StringComparison.Ordinal));
        return long.Parse(line[(name.Length + 1)..].Trim().Split(' ')[0]) * 1024;
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
