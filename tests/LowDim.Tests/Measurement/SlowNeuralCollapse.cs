using TorchSharp;
using static TorchSharp.torch;
using LowDim.Measurement;

namespace LowDim.Tests.Measurement;

/// <summary>
/// The metrics computed the obvious way, in float64 with d × d covariances and explicit loops: the
/// slow path the fast one is tested against. Assumes every class has samples.
/// </summary>
internal static class SlowNeuralCollapse
{
    public static Dictionary<string, double> Measure(Tensor features, Tensor labels, int k, Tensor? weight, Tensor? bias, GlobalMean globalMean, double rankTolerance)
    {
        using var scope = NewDisposeScope();
        var h = features.to(ScalarType.Float64);
        long[] y = labels.to(ScalarType.Int64).data<long>().ToArray();
        long n = h.shape[0], d = h.shape[1];
        var means = zeros(k, d, ScalarType.Float64);
        var counts = new double[k];
        for (int i = 0; i < n; i++) { means[y[i]].add_(h[i]); counts[y[i]]++; }
        for (int c = 0; c < k; c++) means[c].div_(counts[c]);
        var global = globalMean == GlobalMean.Class ? means.mean([0]) : h.mean([0]);
        var mc = means.sub(global); // K × d rows μ_k − μ_G

        var sigmaW = zeros(d, d, ScalarType.Float64);
        var classSquares = new double[k];
        for (int i = 0; i < n; i++)
        {
            var diff = h[i].sub(means[y[i]]).unsqueeze(1);
            sigmaW.add_(diff.mm(diff.t()));
            classSquares[y[i]] += diff.square().sum().item<double>();
        }
        sigmaW.div_(n);
        var sigmaB = mc.t().mm(mc).div(k);

        // Pseudo-inverse from the eigendecomposition, truncated to the rank of M_c.
        var (eigenvalues, eigenvectors) = linalg.eigh(sigmaB);
        double[] ev = eigenvalues.data<double>().ToArray();
        double[] sv = ev.Select(e => Math.Sqrt(Math.Max(e * k, 0))).ToArray();
        double cutoff = rankTolerance * sv.Max();
        var order = Enumerable.Range(0, ev.Length).OrderByDescending(i => ev[i]).Where(i => sv[i] > cutoff).Take(k - 1).ToArray();
        var pinv = zeros(d, d, ScalarType.Float64);
        foreach (int i in order)
        {
            var v = eigenvectors[.., i].unsqueeze(1);
            pinv.add_(v.mm(v.t()).div(ev[i]));
        }
        var result = new Dictionary<string, double>
        {
            [MetricNames.Nc1] = sigmaW.mm(pinv).trace().item<double>() / k,
            [MetricNames.Nc1Quotient] = sigmaW.trace().item<double>() / sigmaB.trace().item<double>(),
        };

        double cdnv = 0;
        for (int a = 0; a < k; a++)
        for (int b = a + 1; b < k; b++)
            cdnv += (classSquares[a] / counts[a] + classSquares[b] / counts[b]) / (2 * means[a].sub(means[b]).square().sum().item<double>());
        result[MetricNames.Nc1Cdnv] = cdnv / (k * (k - 1) / 2.0);

        result[MetricNames.Nc2Equinorm] = StdOverMean(Enumerable.Range(0, k).Select(c => mc[c].norm().item<double>()).ToArray());
        var cos = new double[k, k];
        for (int a = 0; a < k; a++)
        for (int b = 0; b < k; b++)
            cos[a, b] = mc[a].dot(mc[b]).item<double>() / (mc[a].norm().item<double>() * mc[b].norm().item<double>());
        var pairs = new List<double>();
        double maxangle = 0;
        for (int a = 0; a < k; a++)
        for (int b = 0; b < k; b++)
        {
            if (a == b) continue;
            if (a < b) pairs.Add(cos[a, b]);
            maxangle += Math.Abs(cos[a, b] + 1.0 / (k - 1));
        }
        result[MetricNames.Nc2Equiangular] = k == 2 ? 0 : Std(pairs.ToArray());
        result[MetricNames.Nc2Maxangle] = maxangle / (k * (k - 1));
        result[MetricNames.Nc2Etf] = EtfDistance(mc.mm(mc.t()), k);

        var hm = h.unsqueeze(1).sub(means.unsqueeze(0)).square().sum(2); // N × K squared distances
        long[] nearest = hm.argmin(1).data<long>().ToArray();
        result[MetricNames.NccAccuracy] = Enumerable.Range(0, (int)n).Count(i => nearest[i] == y[i]) / (double)n;
        if (weight is not null)
        {
            var w = weight.to(ScalarType.Float64);
            result[MetricNames.Nc2EquinormW] = StdOverMean(Enumerable.Range(0, k).Select(c => w[c].norm().item<double>()).ToArray());
            result[MetricNames.Nc2EtfW] = EtfDistance(w.mm(w.t()), k);
            var selfDual = w.div(w.norm()).sub(mc.div(mc.norm()));
            result[MetricNames.Nc3] = selfDual.square().sum().item<double>();
            result[MetricNames.Nc3Zhu] = EtfDistance(w.mm(mc.t()), k);
            var logits = h.mm(w.t());
            if (bias is not null) logits = logits.add(bias.to(ScalarType.Float64));
            long[] predicted = logits.argmax(1).data<long>().ToArray();
            result[MetricNames.Accuracy] = Enumerable.Range(0, (int)n).Count(i => predicted[i] == y[i]) / (double)n;
            result[MetricNames.Nc4] = Enumerable.Range(0, (int)n).Count(i => predicted[i] != nearest[i]) / (double)n;
        }
        return result;
    }

    private static double EtfDistance(Tensor gram, int k)
    {
        var etf = eye(k, dtype: ScalarType.Float64).sub(ones(k, k, ScalarType.Float64).div(k)).div(Math.Sqrt(k - 1));
        return gram.div(gram.norm()).sub(etf).norm().item<double>();
    }

    private static double Std(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    private static double StdOverMean(double[] values) => Std(values) / values.Average();
}
