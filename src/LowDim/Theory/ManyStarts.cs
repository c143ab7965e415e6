namespace LowDim.Theory;

/// <summary>What a solve from one start leaves that a comparison of many starts reads.</summary>
internal interface ISolvedStart<TRow> : IDisposable
{
    double Objective { get; }

    double GradientNorm { get; }

    IReadOnlyList<TRow> Trace { get; }
}

/// <summary>
/// Solves from starts 0, 1, … in turn and keeps the one with the lowest objective (disposing the others); a
/// cancellation ends the loop after the current start, but never before the first.
/// </summary>
internal static class ManyStarts
{
    public static (UfmLandscapeResult Landscape, TSolution Best, IReadOnlyList<IReadOnlyList<TRow>> Traces) Run<TSolution, TRow>(
        int starts, double relativeTolerance, Func<int, TSolution> solve, Action<int, TSolution>? onSolved, CancellationToken cancellation)
        where TSolution : class, ISolvedStart<TRow>
    {
        var objectives = new List<double>();
        var gradients = new List<double>();
        var traces = new List<IReadOnlyList<TRow>>();
        TSolution? best = null;
        for (int s = 0; s < starts && (s == 0 || !cancellation.IsCancellationRequested); s++)
        {
            var solution = solve(s);
            objectives.Add(solution.Objective);
            gradients.Add(solution.GradientNorm);
            traces.Add(solution.Trace);
            onSolved?.Invoke(s, solution);
            if (best is null || solution.Objective < best.Objective) (best, solution) = (solution, best);
            solution?.Dispose();
        }
        return (new UfmLandscapeResult(objectives, gradients, relativeTolerance), best!, traces);
    }
}
