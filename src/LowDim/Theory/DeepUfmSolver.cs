using System.Diagnostics;
using LowDim.Experiments;
using LowDim.Measurement;
using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>
/// Solves a <see cref="DeepUfmProblem"/> by gradient descent or L-BFGS, measuring every layer's nc1 on the way and,
/// at the end, every layer's neural collapse and the singular values of its features and weights.
/// </summary>
/// <example>
/// <code>
/// var problem = DeepUfmProblem.Balanced(classes: 4, widths: [16, 16, 16], perClass: 5) with { Loss = new LossOptions { Kind = "mse" } };
/// using var solution = DeepUfmSolver.Solve(problem, new DeepUfmSolveOptions());
/// foreach (var layer in solution.Layers) Console.WriteLine($"{layer.Layer} {layer.Metrics.Nc1} {layer.FeatureRank}");
/// </code>
/// </example>
public static class DeepUfmSolver
{
    /// <summary>Solves from a random start point drawn with <see cref="DeepUfmSolveOptions.Seed"/>.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="options">Solver, limits, seed and what to measure.</param>
    /// <param name="onTrace">Called with each measured iteration as it happens (for progress displays).</param>
    /// <param name="cancellation">Stops between iterations; the solution then ends where the solver was.</param>
    /// <param name="device">Where to solve; null is the CPU.</param>
    /// <exception cref="InvalidInputException">A problem or options out of range, or a run that diverged.</exception>
    public static DeepUfmSolution Solve(
        DeepUfmProblem problem, DeepUfmSolveOptions options, Action<DeepUfmTraceRow>? onTrace = null, CancellationToken cancellation = default, Device? device = null)
    {
        problem.Validate();
        using var start = DeepUfmPoint.Random(problem, options.Seed, options.InitScale, device);
        return Solve(problem, start, options, onTrace, cancellation);
    }

    /// <summary>Solves from <paramref name="start"/> (which stays the caller's).</summary>
    /// <exception cref="InvalidInputException">A problem or options out of range, a start point of the wrong shapes, or a run that diverged.</exception>
    public static DeepUfmSolution Solve(
        DeepUfmProblem problem, DeepUfmPoint start, DeepUfmSolveOptions options, Action<DeepUfmTraceRow>? onTrace = null, CancellationToken cancellation = default)
    {
        options.Minimizer.Validate();
        TracedMinimization.CheckTarget(options.Nc1Target, options.TargetCheckEvery);
        if (!(options.RankTolerance >= 0 && options.RankTolerance < 1))
            throw new InvalidInputException($"the rank tolerance must be in [0, 1), got {options.RankTolerance}");
        using var objective = new DeepUfmObjective(problem, start);
        var measurement = new NeuralCollapseOptions { RankTolerance = options.RankTolerance };
        var trace = new List<DeepUfmTraceRow>();
        var outcome = TracedMinimization.Run(objective, options.Minimizer, options.Trace, options.Nc1Target, options.TargetCheckEvery, Observe, cancellation);
        var result = outcome.Result;
        var layers = MeasureLayers(objective, options.RankTolerance);
        if (trace.Count == 0 || trace[^1].Iteration != result.Final.Iteration) Record(result.Final, layers.Select(l => l.Metrics.Nc1).ToArray(), outcome.Seconds);
        return new DeepUfmSolution(problem, objective.Current(), result, outcome.Description, layers, EndToEndSingularValues(objective), trace, outcome.Seconds);

        bool Observe(MinimizerStep step, bool traced, double seconds)
        {
            double[] nc1 = Nc1(objective, measurement);
            if (traced) Record(step, nc1, seconds);
            return options.Nc1Target is { } goal && nc1.All(v => v <= goal);
        }

        void Record(MinimizerStep step, double[] nc1, double seconds)
        {
            var row = new DeepUfmTraceRow(step.Iteration, step.Value, step.GradientNorm, nc1, seconds);
            if (trace.Count == 0 || trace[^1].Iteration != step.Iteration) trace.Add(row);
            onTrace?.Invoke(row);
        }
    }

    /// <summary>
    /// Every layer of the objective's current point: the NC metrics of H_l (with the classifier (W_L, b) at the
    /// last layer only), the singular values of H_l and W_l, and their ranks at the relative cutoff
    /// <paramref name="rankTolerance"/>, which is also the class means' rank cutoff inside nc1.
    /// </summary>
    public static DeepUfmLayer[] MeasureLayers(DeepUfmObjective objective, double rankTolerance)
    {
        var problem = objective.Problem;
        var options = new NeuralCollapseOptions { RankTolerance = rankTolerance };
        var features = objective.LayerFeatures();
        try
        {
            var layers = new DeepUfmLayer[problem.Layers];
            for (int l = 0; l < problem.Layers; l++)
            {
                var classifier = l == problem.Layers - 1 ? new LinearClassifier(objective.Weights[l], objective.Bias) : null;
                var metrics = NeuralCollapse.Measure(features[l], objective.Labels, problem.Classes, classifier, options);
                double[] featureValues = Spectrum.SingularValues(features[l]);
                double[] weightValues = Spectrum.SingularValues(objective.Weights[l]);
                layers[l] = new DeepUfmLayer(l + 1, metrics, featureValues, Spectrum.Rank(featureValues, rankTolerance), weightValues, Spectrum.Rank(weightValues, rankTolerance));
            }
            return layers;
        }
        finally
        {
            foreach (var f in features) f.Dispose();
        }
    }

    private static double[] Nc1(DeepUfmObjective objective, NeuralCollapseOptions options)
    {
        var features = objective.LayerFeatures();
        try
        {
            return features.Select(f => NeuralCollapse.Measure(f, objective.Labels, objective.Problem.Classes, options: options).Nc1).ToArray();
        }
        finally
        {
            foreach (var f in features) f.Dispose();
        }
    }

    private static double[] EndToEndSingularValues(DeepUfmObjective objective)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var product = objective.Weights[0];
        for (int l = 1; l < objective.Weights.Count; l++) product = objective.Weights[l].mm(product);
        return Spectrum.SingularValues(product);
    }
}
