namespace LowDim.Tests;

/// <summary>
/// The one place numerical tests compare numbers. Every call says why its tolerance is what it is.
/// </summary>
internal static class Tolerance
{
    /// <summary>float64 arithmetic on well-conditioned inputs: a few hundred ulps of accumulated rounding.</summary>
    public const double Float64 = 1e-10;

    /// <summary>float32 inputs compared with a float64 computation on the same values (ε = 1.2e-7, summed errors partly cancel).</summary>
    public const double Float32 = 1e-6;

    /// <summary>Asserts |actual − expected| ≤ relative·|expected| + absolute.</summary>
    public static void Close(double expected, double actual, double relative, double absolute = 0, string what = "")
    {
        double allowed = relative * Math.Abs(expected) + absolute;
        double error = Math.Abs(actual - expected);
        Assert.True(error <= allowed || (double.IsNaN(expected) && double.IsNaN(actual)),
            $"{what}: expected {expected:R}, got {actual:R}, error {error:E3} > allowed {allowed:E3}");
    }
}
