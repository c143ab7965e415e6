namespace LowDim.Reporting;

/// <summary>
/// What <see cref="UfmReport"/> shows of a solved (deep) unconstrained features model, in plain arrays and
/// preformatted text, so that a report needs no solver type.
/// </summary>
public sealed record UfmReportData
{
    /// <summary>The page's title and the start of every plot's title.</summary>
    public required string Title { get; init; }

    /// <summary>The problem in one line, for example <c>ce, K = 10, d = 64, n = 50, λ_W = λ_H = 5e-4</c>.</summary>
    public required string Problem { get; init; }

    /// <summary>
    /// The final table, in order, as (quantity, value) text: objective and predicted objective, gradient norm, every
    /// NC metric, predicted and achieved norms, whether the global optimum was reached, the landscape verdict and so on.
    /// </summary>
    public IReadOnlyList<(string Name, string Value)> Summary { get; init; } = [];

    /// <summary>One per solve (per seed); the first is the solve that <see cref="Summary"/> describes, drawn in full colour, the others faded.</summary>
    public IReadOnlyList<UfmReportSeries> Series { get; init; } = [];

    /// <summary>(K, K) W Wᵀ of the final classifier, drawn normalised beside the simplex ETF's Gram; null: no such plot.</summary>
    public double[,]? WeightGram { get; init; }

    /// <summary>For a deep UFM: the spectra of H_1 … H_L, W_1 … W_L and W_L⋯W_1; null: no such plot.</summary>
    public IReadOnlyList<UfmLayerSpectrum>? Layers { get; init; }

    /// <summary>The final objective of each seed, in the order solved; plotted when there are at least two.</summary>
    public IReadOnlyList<double>? SeedObjectives { get; init; }
}
