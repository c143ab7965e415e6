namespace LowDim.Bench;

/// <summary>How far our metrics are from the peer's low-rank ones: the largest relative difference and where.</summary>
/// <param name="Metric">The metric with the largest difference.</param>
/// <param name="Ours">Our value of it.</param>
/// <param name="Peer">The peer's value of it.</param>
/// <param name="Relative">|ours − peer| / |peer| (the absolute difference where the peer's is 0; infinite where one is null).</param>
internal sealed record Agreement(string Metric, double? Ours, double? Peer, double Relative)
{
    /// <summary>1e-4: float32 features through two different float32/float64 pipelines, the peer's own self-test tolerance.</summary>
    public const double Tolerance = 1e-4;

    public bool Agrees => Relative <= Tolerance;

    public static Agreement Of(IEnumerable<KeyValuePair<string, double?>> ours, IReadOnlyDictionary<string, double?> peer) =>
        ours.Select(metric => Compare(metric.Key, metric.Value, peer.GetValueOrDefault(metric.Key)))
            .MaxBy(agreement => agreement.Relative)!;

    private static Agreement Compare(string metric, double? ours, double? peer)
    {
        double relative = (ours, peer) switch
        {
            (null, null) => 0,
            (double a, double b) => b == 0 ? Math.Abs(a) : Math.Abs(a - b) / Math.Abs(b),
            _ => double.PositiveInfinity,
        };
        return new Agreement(metric, ours, peer, relative);
    }
}
