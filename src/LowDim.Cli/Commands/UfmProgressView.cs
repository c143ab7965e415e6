using System.Globalization;
using LowDim.Theory;
using Spectre.Console;

namespace LowDim.Cli.Commands;

/// <summary>
/// What <c>lowdim ufm</c> shows while it solves: on a terminal a progress bar over the starts (seed, iteration,
/// objective, gradient norm, nc1); otherwise a line per start. Quiet (for --json) shows nothing.
/// </summary>
internal sealed class UfmProgressView(IAnsiConsole console, bool quiet) : IUfmStudyObserver, IDeepUfmStudyObserver
{
    private readonly bool _live = !quiet && console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi;
    private ProgressTask? _task;
    private int _seeds = 1;

    /// <summary>Runs <paramref name="study"/> with this view as its observer, inside a live progress display on a terminal.</summary>
    public T Run<T>(Func<UfmProgressView, T> study)
    {
        if (!_live) return study(this);
        T result = default!;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                _task = context.AddTask("starting", maxValue: 1);
                result = study(this);
            });
        return result;
    }

    public void Solving(int seed, int seeds)
    {
        _seeds = seeds;
        if (_task is null) return;
        _task.MaxValue = seeds;
        _task.Value = seed;
    }

    public void Traced(int seed, UfmTraceRow row) => Traced(seed, row.Iteration, row.Objective, row.GradientNorm, row.Metrics.Nc1);

    public void Traced(int seed, DeepUfmTraceRow row) => Traced(seed, row.Iteration, row.Objective, row.GradientNorm, row.Nc1[^1]);

    public void Solved(int seed, UfmSolution solution) => Solved(seed, solution.Objective, solution.StopDescription, solution.Seconds);

    public void Solved(int seed, DeepUfmSolution solution) => Solved(seed, solution.Objective, solution.StopDescription, solution.Seconds);

    private void Traced(int seed, int iteration, double objective, double gradientNorm, double nc1)
    {
        if (_task is null) return;
        _task.Description = string.Create(CultureInfo.InvariantCulture,
            $"start {seed + 1}/{_seeds}  iteration {iteration}  f {objective:0.000000000}  ‖∇f‖ {gradientNorm:0.0e+00}  nc1 {nc1:0.0e+00}");
    }

    private void Solved(int seed, double objective, string stop, double seconds)
    {
        if (_task is not null)
        {
            _task.Value = seed + 1;
            return;
        }
        if (quiet) return;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"start {seed + 1}/{_seeds}: f = {objective:0.000000000000}, {stop}, {seconds:0.00} s"));
    }

    public void Stage(string description)
    {
        if (_task is not null) _task.Description = description;
        else if (!quiet) console.WriteLine(description);
    }
}
