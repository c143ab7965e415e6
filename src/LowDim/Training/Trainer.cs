using System.Diagnostics;
using System.Text.Json.Nodes;
using LowDim.Data;
using LowDim.Experiments;
using LowDim.Measurement;
using LowDim.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Training;

/// <summary>
/// Trains a classifier as a run's spec says, measuring neural collapse at the chosen epochs and
/// checkpointing after every epoch, so that a killed run resumes and ends exactly as if it had not
/// stopped.
/// </summary>
/// <remarks>
/// Determinism on the CPU: the weights come from torch's generator seeded with the spec's seed, each
/// epoch's order of samples from a generator seeded with (seed, epoch), and nothing else draws random
/// numbers; with the same thread count the same spec gives bit-identical metrics. torch's generator is one
/// per process: code that draws random numbers on another thread while a run seeds it and builds its model
/// changes the weights, so a process that trains several runs at once gives up bit-identity; runs that
/// start one at a time keep it. A resumed run loads the
/// model (BatchNorm statistics included) and the optimizer's state (momentum, Adam moments) of its latest
/// checkpoint, and the schedule is a function of the epoch, so it continues on the same path.
/// </remarks>
public static partial class Trainer
{
    /// <summary>Trains <paramref name="run"/> from its latest checkpoint (or from the start) to its last epoch.</summary>
    /// <exception cref="InvalidInputException">The spec or the data cannot be used.</exception>
    /// <exception cref="DataFileException">A data file or the run's files are bad.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the latest checkpoint is kept.</exception>
    public static TrainingResult Train(RunFolder run, ITrainingObserver? observer = null, CancellationToken cancellation = default)
    {
        var spec = run.Spec;
        spec.Validate();
        observer ??= new SilentObserver();
        if (spec.Tensorboard) observer = new ObserverPair(observer, new TensorBoardLog(run.TensorBoardFolder));
        var measureEpochs = MeasureSchedule.Parse(spec.MeasureAt, spec.Epochs);
        TorchRuntime.SetThreads(spec.Threads);
        var device = TorchRuntime.ResolveDevice(spec.Device);

        using var data = Datasets.Load(spec.Dataset, DataOptions(spec));
        using var splits = new DeviceSplits(data, device);
        int classes = data.Train.Classes;

        torch.manual_seed(spec.Seed);
        using var model = Classifiers.Create(ModelOptions(spec), data.Train.SampleShape, classes);
        model.to(device);
        using var optimizer = Optimizers.Create(OptimizerOptions(spec), model);
        var loss = ClassificationLoss.Create(LossOptions(spec));
        var schedule = ScheduleOptions(spec);
        var measure = new NeuralCollapseOptions { GlobalMean = spec.GlobalMean == "sample" ? GlobalMean.Sample : GlobalMean.Class };

        var history = new List<HistoryRow>();
        var metrics = new List<MeasurementRow>();
        int done = Checkpoints.Load(run.CheckpointFolder, model, optimizer) ?? 0;
        if (done > 0)
        {
            if (File.Exists(run.HistoryFile)) history.AddRange(HistoryCsv.Read(run.HistoryFile).Where(r => r.Epoch <= done));
            if (File.Exists(run.MetricsFile)) metrics.AddRange(MetricsCsv.Read(run.MetricsFile).Where(r => r.Epoch <= done));
        }

        long n = data.Train.Count;
        int batches = BatchCount(n, spec.BatchSize);
        observer.Started(new TrainingStart(
            run.Path, done + 1, spec.Epochs, batches, n, data.Test.Count, classes, model.FeatureDim,
            model.ParameterCount(trainableOnly: true), model.Head.Weight.numel() + (model.Head.Bias?.numel() ?? 0), model.Head.IsTrainable,
            spec.MeasureLayers ? model.LayerNames : [MeasurementRow.Penultimate], measureEpochs,
            device.ToString(), torch.get_num_threads()));

        for (int epoch = done + 1; epoch <= spec.Epochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            double rate = LearningRateSchedule.At(schedule, spec.Lr, epoch, spec.Epochs);
            Optimizers.SetLearningRate(optimizer, rate);
            var row = TrainEpoch(model, optimizer, loss, splits, spec, epoch, rate, done, observer, cancellation);
            history.Add(row);
            HistoryCsv.Write(run.HistoryFile, history);
            observer.EpochTrained(row);

            if (measureEpochs.Contains(epoch))
            {
                foreach (var (split, inputs, labels) in new[] { (MeasurementRow.Train, splits.TrainInputs, splits.TrainLabels), (MeasurementRow.Test, splits.TestInputs, splits.TestLabels) })
                {
                    observer.Measuring(epoch, split);
                    var result = SplitMeasurement.Run(model, inputs, labels, classes, loss, spec.MeasureLayers, measure, epoch, split, row.TrainSeconds);
                    metrics.AddRange(result.Rows);
                    MetricsCsv.Write(run.MetricsFile, metrics);
                    if (split == MeasurementRow.Train) WriteGeometry(run, epoch, split, result.MeanGram, model);
                    observer.Measured(epoch, split, result.Rows);
                }
            }
            Checkpoints.Save(run.CheckpointFolder, epoch, model, optimizer);
            done = epoch;
        }
        return new TrainingResult(run.Path, done, history, metrics);
    }

    /// <summary>Optimizer steps per epoch: a last batch of a single sample is dropped (BatchNorm cannot train on one sample).</summary>
    internal static int BatchCount(long samples, int batchSize)
    {
        long full = samples / batchSize;
        long rest = samples % batchSize;
        return checked((int)(full + (rest > 1 ? 1 : 0)));
    }

    private static void WriteGeometry(RunFolder run, int epoch, string split, double[,] meanGram, Classifier model)
    {
        var node = new JsonObject
        {
            ["epoch"] = epoch,
            ["split"] = split,
            ["classes"] = meanGram.GetLength(0),
            ["mean_gram"] = Matrix(meanGram),
            ["weight_gram"] = Matrix(CentredMeanGram.OfWeights(model.Head.Weight)),
        };
        DataFiles.WriteTextAtomically(run.GeometryFile, node.ToJsonString() + "\n");
    }

    private static JsonArray Matrix(double[,] values)
    {
        var rows = new JsonArray();
        for (int i = 0; i < values.GetLength(0); i++)
        {
            var row = new JsonArray();
            for (int j = 0; j < values.GetLength(1); j++) row.Add(values[i, j]);
            rows.Add(row);
        }
        return rows;
    }

    private sealed class SilentObserver : ITrainingObserver
    {
    }
}
