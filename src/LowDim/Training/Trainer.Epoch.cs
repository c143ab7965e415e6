using System.Diagnostics;
using LowDim.Experiments;
using LowDim.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Training;

public static partial class Trainer
{
    /// <summary>Progress is read (a device sync) every this many steps.</summary>
    private const int ReportEvery = 10;

    private static HistoryRow TrainEpoch(
        Classifier model, optim.Optimizer optimizer, ClassificationLoss loss, DeviceSplits splits, TrainSpec spec,
        int epoch, double rate, int lastCheckpoint, ITrainingObserver observer, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        model.train();
        long n = splits.TrainLabels.shape[0];
        int batches = BatchCount(n, spec.BatchSize);
        using var order = Shuffle(n, spec.Seed, epoch, splits.TrainLabels.device);
        using var lossSum = zeros(1, ScalarType.Float64, splits.TrainLabels.device);
        using var correct = zeros(1, ScalarType.Int64, splits.TrainLabels.device);
        long seen = 0;
        double meanLoss = double.NaN, accuracy = double.NaN;
        for (int b = 0; b < batches; b++)
        {
            using (var scope = NewDisposeScope())
            {
                long size = Math.Min(spec.BatchSize, n - (long)b * spec.BatchSize);
                var index = order.narrow(0, (long)b * spec.BatchSize, size);
                var x = splits.TrainInputs.index_select(0, index);
                var y = splits.TrainLabels.index_select(0, index);
                var logits = model.call(x);
                var batchLoss = loss.Compute(logits, y);
                optimizer.zero_grad();
                batchLoss.backward();
                optimizer.step();
                using (no_grad())
                {
                    lossSum.add_(batchLoss.detach().to(ScalarType.Float64).mul(size));
                    correct.add_(logits.argmax(1).eq(y).sum());
                }
                seen += size;
            }
            if ((b + 1) % ReportEvery == 0 || b == batches - 1)
            {
                meanLoss = lossSum.item<double>() / seen;
                accuracy = correct.item<long>() / (double)seen;
                if (!double.IsFinite(meanLoss))
                {
                    string kept = lastCheckpoint > 0 ? $"its last good checkpoint (epoch {lastCheckpoint})" : "no checkpoint (none was made yet)";
                    throw new TrainingDivergedException(
                        $"the training loss became {meanLoss} at epoch {epoch}, step {b + 1}; the run stopped and keeps {kept}; try a smaller --lr");
                }
                observer.Batch(epoch, b + 1, batches, meanLoss, accuracy);
                cancellation.ThrowIfCancellationRequested();
            }
        }
        return new HistoryRow(epoch, rate, meanLoss, accuracy, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The order of the training samples in <paramref name="epoch"/>: a permutation from a generator seeded
    /// with (seed, epoch) alone, so any epoch's order can be made again without replaying the ones before it.
    /// </summary>
    internal static Tensor Shuffle(long n, int seed, int epoch, Device device)
    {
        using var generator = new Generator(unchecked((ulong)seed * 1_000_003UL + (ulong)epoch));
        var order = randperm(n, generator: generator);
        if (device.type == DeviceType.CPU) return order;
        using (order) return order.to(device);
    }
}
