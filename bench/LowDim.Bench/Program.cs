using LowDim.Bench;
using static TorchSharp.torch;

// The neural-collapse measurement benchmark: LowDim's NeuralCollapse.Measure against the Python
// peer (bench/python/nc_peer.py) on the same generated features, one K at a time. Run from the
// repository root, through bench/measure.sh. See bench/README.md.

BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchSettings.Usage);
    return 2;
}

LowDim.TorchRuntime.UseShortOpenMpWaits();
set_num_threads(settings.Threads);
var comparisons = new List<Comparison>();
foreach (int k in settings.Classes)
{
    string folder = PythonPeer.EnsureFeatures(settings, k);
    using var ours = OurSide.Load(folder);
    ours.WarmUp(settings.ChunkRows);
    long? peakExtra = ours.PeakExtraMemory();

    // Ours, the peer, ours again: never both at once, so neither takes cores from the other,
    // and a slow moment of the machine does not land on one side only.
    ours.Round(settings.Repeats, settings.ChunkRows);
    var peer = PythonPeer.Measure(folder, settings);
    ours.Round(settings.Repeats, settings.ChunkRows);

    var comparison = new Comparison(ours.N, ours.D, ours.K, ours.Times.Seconds, peer, peakExtra, ours.FeatureBytes,
        Agreement.Of(ours.Metrics().ByName(), peer.LowrankMetrics));
    comparisons.Add(comparison);
    Report.PrintTable(comparison, settings);
}
Report.PrintTargets(comparisons);
Console.WriteLine($"\nresults: {Report.Write(settings, comparisons)}");
return 0;
