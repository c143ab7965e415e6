using System.Globalization;
using LowDim.Theory;
using Spectre.Console;

namespace LowDim.Cli.Commands;

/// <summary>
/// What <c>lowdim ufm</c> shows while it solves: on a terminal a progress bar over the starts (seed, iteration,
/// objective, gradient norm, nc1); otherwise a line per start. Quiet (for --json) shows nothing.
/// </summary>
internal sealed class UfmProgressView(IAnsiConsole console, bool quiet) : IUfmStudyObserver
{
    private readonly bool _live = !quiet && console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi;
    private ProgressTask? _task;
    private int _seeds = 1;

    /// <summary>Runs <paramref name="study"/> with this view as its observer, inside a live progress display on a terminal.</summary>
    public T Run<T>(Func<IUfmStudyObserver, T> study)
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

    public void Traced(int seed, UfmTraceRow row)
    {
        if (_task is null) return;
        _task.Description = string.Create(CultureInfo.InvariantCulture,
            $"start {seed + 1}/{_seeds}  iteration {row.Iteration}  f {row.Objective:0.000000000}  ‖∇f‖ {row.GradientNorm:0.0e+00}  nc1 {row.Metrics.Nc1:0.0e+00}");
    }

    public void Solved(int seed, UfmSolution solution)
    {
        if (_task is not null)
        {
            _task.Value = seed + 1;
            return;
        }
        if (quiet) return;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"start {seed + 1}/{_seeds}: f = {solution.Objective:0.000000000000}, {solution.StopDescription}, {solution.Seconds:0.00} s"));
    }

    public void Stage(string description)
    {
        if (_task is not null) _task.Description = description;
        else if (!quiet) console.WriteLine(description);
    }
}
