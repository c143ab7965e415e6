using LowDim.Theory;
using LowDim.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Tests.Theory;

public class HessianSpectrumTests
{
    /// <summary>A = Q diag(λ) Qᵀ with a random orthogonal Q, symmetrised so that it is exactly symmetric.</summary>
    private static Tensor SymmetricMatrix(double[] eigenvalues, long seed)
    {
        using var generator = new TorchSharp.torch.Generator((ulong)seed, CPU);
        int n = eigenvalues.Length;
        var (q, _) = linalg.qr(randn([n, n], ScalarType.Float64, generator: generator));
        var a = q.mm(diag(tensor(eigenvalues))).mm(q.t());
        return a.add(a.t()).div_(2);
    }

    /// <summary>½ xᵀ A x, whose Hessian is A.</summary>
    private static Func<Tensor[], Tensor> Quadratic(Tensor a) => x => x[0].dot(a.mv(x[0])).mul(0.5);

    private static double[] Spectrum(int n, double smallest, double largest, double low, double high, long seed)
    {
        var random = new Random((int)seed);
        var values = Enumerable.Range(0, n - 2).Select(_ => low + (high - low) * random.NextDouble()).ToList();
        values.Add(smallest);
        values.Add(largest);
        return values.ToArray();
    }

    [Fact]
    public void ProductOfAQuadraticIsTheMatrixTimesTheVector()
    {
        using var scope = NewDisposeScope();
        var a = SymmetricMatrix(Spectrum(40, -3, 5, -3, 5, seed: 1), seed: 1);
        var x = randn(40, ScalarType.Float64);
        var v = randn(40, ScalarType.Float64);
        var product = HessianSpectrum.HessianVectorProduct(Quadratic(a), [x], v);
        // A v in float64 with ‖A‖ = 5, ‖v‖ ≈ 6, n = 40: a few ulps of 30 per entry, about 1e-14.
        Assert.True(product.sub(a.mv(v)).abs().max().item<double>() <= 1e-12);
        Assert.False(product.requires_grad);
    }

    [Fact]
    public void LanczosOnTheWholeSpaceFindsTheKnownExtremes()
    {
        using var scope = NewDisposeScope();
        var a = SymmetricMatrix(Spectrum(40, -3, 5, -3, 5, seed: 2), seed: 2);
        var result = HessianSpectrum.Extremes(Quadratic(a), [zeros(40, ScalarType.Float64)]);
        // 60 steps are capped at n = 40, where the Krylov subspace is the whole space and the Ritz values are the
        // eigenvalues; float64 Lanczos with full reorthogonalisation leaves a few ulps of ‖A‖ = 5.
        Tolerance.Close(-3, result.Smallest, 0, 1e-8, "smallest");
        Tolerance.Close(5, result.Largest, 0, 1e-8, "largest");
        Assert.True(result.Steps <= 40 && result.Converged, $"{result}");
        Assert.Equal(40, result.Dimension);
    }

    [Fact]
    public void LanczosConvergesToWellSeparatedExtremesInFewSteps()
    {
        using var scope = NewDisposeScope();
        var a = SymmetricMatrix(Spectrum(300, -3, 5, -1, 2, seed: 3), seed: 3);
        var options = new LanczosOptions { Seed = 11 };
        var result = HessianSpectrum.Extremes(Quadratic(a), [zeros(300, ScalarType.Float64)], options);
        Assert.True(result.Converged && result.Steps < 60, $"{result}");
        // Each Ritz value lies within its residual (≤ 1e-10·5) of an eigenvalue, here the extreme one.
        Tolerance.Close(-3, result.Smallest, 0, 1e-8, "smallest");
        Tolerance.Close(5, result.Largest, 0, 1e-8, "largest");
        Assert.True(result.SmallestResidual <= 5e-10 && result.LargestResidual <= 5e-10, $"{result}");
        Assert.Equal(result, HessianSpectrum.Extremes(Quadratic(a), [zeros(300, ScalarType.Float64)], options));
    }

    [Fact]
    public void HessianOfTwoTensorsAssembledFromProductsIsTheAnalyticOne()
    {
        using var scope = NewDisposeScope();
        const int p = 3, r = 2, q = 4;
        const double ridge = 0.1;
        using var generator = new TorchSharp.torch.Generator(5, CPU);
        var w = randn([p, r], ScalarType.Float64, generator: generator);
        var h = randn([r, q], ScalarType.Float64, generator: generator);
        var y = randn([p, q], ScalarType.Float64, generator: generator);
        Func<Tensor[], Tensor> f = t =>
            t[0].mm(t[1]).sub(y).square().sum().mul(0.5).add(t[0].square().sum().add(t[1].square().sum()).mul(ridge / 2));

        int n = p * r + r * q;
        var identity = eye(n, dtype: ScalarType.Float64);
        var columns = Enumerable.Range(0, n).Select(i => HessianSpectrum.HessianVectorProduct(f, [w, h], identity[i])).ToArray();
        var dense = stack(columns, 1);
        var expected = tensor(AnalyticHessian(w, h, y, ridge), [n, n]);
        // Entries are sums of a few products of unit-scale numbers: float64 rounding leaves ~1e-15.
        Assert.True(dense.sub(expected).abs().max().item<double>() <= 1e-12);

        var eigenvalues = linalg.eigvalsh(expected).data<double>().ToArray();
        var result = HessianSpectrum.Extremes(f, [w, h]);
        Assert.Equal(n, result.Dimension);
        // n = 14 steps span the whole space: the Ritz values are the eigenvalues to rounding.
        Tolerance.Close(eigenvalues[0], result.Smallest, 0, 1e-8, "smallest");
        Tolerance.Close(eigenvalues[^1], result.Largest, 0, 1e-8, "largest");
    }

    /// <summary>
    /// The Hessian of ½‖W H − Y‖² + ρ/2 (‖W‖² + ‖H‖²), variables W (p, r) then H (r, q), both row-major. With
    /// R = W H − Y: ∂²/∂W_ij∂W_kl = δ_ik (H Hᵀ)_jl, ∂²/∂H_ij∂H_kl = (WᵀW)_ik δ_jl, ∂²/∂W_ij∂H_kl = W_ik H_jl + δ_jk R_il,
    /// plus ρ on the diagonal.
    /// </summary>
    private static double[] AnalyticHessian(Tensor wTensor, Tensor hTensor, Tensor yTensor, double ridge)
    {
        int p = (int)wTensor.shape[0], r = (int)wTensor.shape[1], q = (int)hTensor.shape[1];
        double[] w = wTensor.data<double>().ToArray(), h = hTensor.data<double>().ToArray(), y = yTensor.data<double>().ToArray();
        double W(int i, int j) => w[i * r + j];
        double H(int i, int j) => h[i * q + j];
        double R(int i, int l) => Enumerable.Range(0, r).Sum(j => W(i, j) * H(j, l)) - y[i * q + l];
        int n = p * r + r * q;
        var hessian = new double[n * n];
        void Set(int a, int b, double value) { hessian[a * n + b] = value; hessian[b * n + a] = value; }
        for (int i = 0; i < p; i++)
            for (int j = 0; j < r; j++)
            {
                for (int k = 0; k < p; k++)
                    for (int l = 0; l < r; l++)
                        if (i == k) Set(i * r + j, k * r + l, Enumerable.Range(0, q).Sum(m => H(j, m) * H(l, m)));
                for (int k = 0; k < r; k++)
                    for (int l = 0; l < q; l++)
                        Set(i * r + j, p * r + k * q + l, W(i, k) * H(j, l) + (j == k ? R(i, l) : 0));
            }
        for (int i = 0; i < r; i++)
            for (int j = 0; j < q; j++)
                for (int k = 0; k < r; k++)
                    Set(p * r + i * q + j, p * r + k * q + j, Enumerable.Range(0, p).Sum(m => W(m, i) * W(m, k)));
        for (int a = 0; a < n; a++) hessian[a * n + a] += ridge;
        return hessian;
    }

    [Fact]
    public void UfmOriginIsAStrictSaddleWithTheAnalyticSmallestEigenvalue()
    {
        using var scope = NewDisposeScope();
        const int classes = 3, dim = 4, perClass = 5;
        const double lambda = 0.01;
        var problem = UfmProblem.Balanced(classes, dim, perClass);
        var labels = problem.Labels();
        var loss = ClassificationLoss.Create(new LossOptions { Kind = "ce" });
        Func<Tensor[], Tensor> f = t =>
            loss.Compute(t[1].mm(t[0].t()), labels).add(t[0].square().sum().add(t[1].square().sum()).mul(lambda / 2));
        using var origin = UfmPoint.Zero(problem with { Bias = false });

        var result = HessianSpectrum.Extremes(f, origin.Tensors);

        // At W = 0, H = 0 only the bilinear term ⟨G, H Wᵀ⟩ of the loss is of second order, with
        // G = ∂L/∂Z = (softmax(0) − Y)/N (N, K). The Hessian is [[λI, Gᵀ⊗I_d], [G⊗I_d, λI]], with eigenvalues λ ± σ_i(G)
        // and λ, so its extremes are λ ∓ ‖G‖₂.
        int n = problem.Samples;
        var g = full([n, classes], 1.0 / classes, ScalarType.Float64).sub(nn.functional.one_hot(labels, classes).to(ScalarType.Float64)).div(n);
        double spectralNorm = linalg.svdvals(g)[0].item<double>();
        Assert.True(lambda - spectralNorm < 0);
        // Three distinct eigenvalues: the Krylov subspace is invariant after three steps, and its Ritz values are exact
        // to float64 rounding of numbers of size 0.1.
        Assert.True(result.Steps <= 3 && result.Converged, $"{result}");
        Tolerance.Close(lambda - spectralNorm, result.Smallest, 0, 1e-8, "smallest");
        Tolerance.Close(lambda + spectralNorm, result.Largest, 0, 1e-8, "largest");
        Assert.Equal(classes * dim + n * dim, result.Dimension);
    }

    [Fact]
    public void TensorsUsedLinearlyOrNotAtAllHaveZeroRowsAndColumns()
    {
        using var scope = NewDisposeScope();
        var c = tensor(new[] { 2.0, -1.0, 3.0 });
        Func<Tensor[], Tensor> f = t => t[0].square().mul(c).sum().mul(0.5).add(t[1].sum());
        var at = new[] { ones(3, ScalarType.Float64), ones(2, ScalarType.Float64), ones(4, ScalarType.Float64) };
        var v = arange(1.0, 10.0, 1.0, ScalarType.Float64);
        var product = HessianSpectrum.HessianVectorProduct(f, at, v).data<double>().ToArray();
        Assert.Equal(new[] { 2.0, -2.0, 9.0, 0, 0, 0, 0, 0, 0 }, product);
        var result = HessianSpectrum.Extremes(f, at);
        Tolerance.Close(-1, result.Smallest, 0, 1e-12, "smallest (9 steps span the space; exact to rounding)");
        Tolerance.Close(3, result.Largest, 0, 1e-12, "largest");
    }

    [Fact]
    public void LinearFunctionHasZeroHessian()
    {
        using var scope = NewDisposeScope();
        Func<Tensor[], Tensor> f = t => t[0].sum().mul(3);
        var x = randn(5, ScalarType.Float64);
        Assert.Equal(0.0, HessianSpectrum.HessianVectorProduct(f, [x], ones(5)).abs().max().item<double>());
        var result = HessianSpectrum.Extremes(f, [x]);
        Assert.True(result is { Smallest: 0, Largest: 0, Steps: 1, Converged: true }, $"{result}");
    }

    [Fact]
    public void FloatVectorIsConvertedToTheTensorsDtype()
    {
        using var scope = NewDisposeScope();
        var product = HessianSpectrum.HessianVectorProduct(t => t[0].square().sum(), [ones(3, ScalarType.Float64)], ones(3, ScalarType.Float32));
        Assert.Equal(ScalarType.Float64, product.dtype);
        Assert.Equal(new[] { 2.0, 2.0, 2.0 }, product.data<double>().ToArray());
    }

    [Fact]
    public void InputsAutogradCannotDifferentiateAreRejectedBeforeAutogradRuns()
    {
        using var scope = NewDisposeScope();
        Func<Tensor[], Tensor> square = t => t[0].square().sum();
        var x = ones(3, ScalarType.Float64);
        string Message(Action action) => Assert.Throws<InvalidInputException>(action).Message;

        Assert.Contains("at least one tensor", Message(() => HessianSpectrum.Extremes(square, [])));
        Assert.Contains("floating point", Message(() => HessianSpectrum.Extremes(square, [ones(3, ScalarType.Int64)])));
        Assert.Contains("one dtype", Message(() => HessianSpectrum.Extremes(t => t[0].sum() * t[1].sum(), [x, ones(2, ScalarType.Float32)])));
        Assert.Contains("scalar", Message(() => HessianSpectrum.Extremes(t => t[0].square(), [x])));
        Assert.Contains("does not depend", Message(() => HessianSpectrum.Extremes(_ => tensor(1.0), [x])));
        Assert.Contains("does not depend", Message(() => HessianSpectrum.Extremes(t => t[0].detach().square().sum(), [x])));
        var other = ones(3, ScalarType.Float64).requires_grad_(true);
        Assert.Contains("only on other tensors", Message(() => HessianSpectrum.Extremes(_ => other.square().sum(), [x])));
        Assert.Contains("floating-point", Message(() => HessianSpectrum.Extremes(t => t[0].argmax(), [x])));
        Assert.Contains("3 elements", Message(() => HessianSpectrum.HessianVectorProduct(square, [x], ones(4))));
        Assert.Contains("3 elements", Message(() => HessianSpectrum.HessianVectorProduct(square, [x], ones(3, 1))));
        Assert.Contains("floating point", Message(() => HessianSpectrum.HessianVectorProduct(square, [x], ones(3, ScalarType.Int32))));
        Assert.Contains("at least 1 step", Message(() => HessianSpectrum.Extremes(square, [x], new LanczosOptions { Steps = 0 })));
        Assert.Contains("tolerance", Message(() => HessianSpectrum.Extremes(square, [x], new LanczosOptions { Tolerance = double.NaN })));
    }

    [Fact]
    public void LeavesNoTensorAliveAndThePointUnchanged()
    {
        var x = randn(30, ScalarType.Float64);
        var y = randn(20, ScalarType.Float64);
        var before = cat([x, y]).clone();
        Func<Tensor[], Tensor> f = t => t[0].outer(t[1]).tanh().sum().add(t[0].pow(4).sum());
        using var scope = NewDisposeScope();
        DisposeScopeManager.Statistics.Reset();
        HessianSpectrum.Extremes(f, [x, y], new LanczosOptions { Steps = 10 });
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;
        Assert.True(statistics.ThreadTotalLiveCount == 0 && statistics.CreatedOutsideScopeCount == 0, statistics.ToString());
        Assert.Equal(before.data<double>().ToArray(), cat([x, y]).data<double>().ToArray());
        Assert.False(x.requires_grad || y.requires_grad);
    }
}
