using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>
/// Structured points of a deep UFM without bias, to start solvers near one kind of solution and compare the
/// objectives the two kinds reach at the same λ's (Súkeník, Lampert &amp; Mondelli 2024).
/// </summary>
public static class DeepUfmStarts
{
    /// <summary>
    /// Deep neural collapse: h_i = a·e_{y_i} and every W_l = b·[I_K 0; 0 0], so every layer's class means are
    /// K orthogonal vectors of equal norm (needs every width ≥ K).
    /// </summary>
    /// <exception cref="InvalidInputException">A problem out of range, with a bias, or with a width below K.</exception>
    public static DeepUfmPoint Collapsed(DeepUfmProblem problem, double a = 0.3, double b = 1.2, Device? device = null)
    {
        CheckFits(problem, DeepUfmStart.Collapsed);
        int k = problem.Classes;
        var features = new double[problem.Samples * problem.Widths[0]];
        int row = 0;
        for (int c = 0; c < k; c++)
            for (int i = 0; i < problem.ClassSizes[c]; i++) features[row++ * problem.Widths[0] + c] = a;
        var weights = new Tensor[problem.Layers];
        for (int l = 0; l < problem.Layers; l++)
        {
            long[] shape = problem.WeightShape(l);
            var values = new double[shape[0] * shape[1]];
            for (int c = 0; c < k; c++) values[c * shape[1] + c] = b;
            weights[l] = Tensor(values, shape, problem, device);
        }
        return new DeepUfmPoint(Tensor(features, [problem.Samples, problem.Widths[0]], problem, device), weights, null);
    }

    /// <summary>
    /// The strongly-regular-graph (SRG) solution of Súkeník, Lampert &amp; Mondelli 2024 for the triangular graph:
    /// the K = r(r − 1)/2 classes are the edges {i, j} of the complete graph on r vertices; the features of
    /// layers 1..L−1 are a·(e_i + e_j) (rank r); W_l = b·[I_r 0; 0 0] for l ≤ L − 2; row {i, j} of W_{L−1} is
    /// b·(e_i + e_j − 0.6·1) on the first r coordinates, positive on its own class and negative on every other, so
    /// the ReLU turns the rank-r pre-activation into K orthogonal class means; W_L = b·[I_K 0]. Needs L ≥ 2 and
    /// every width ≥ K; r is the one with r(r − 1)/2 = K.
    /// </summary>
    /// <exception cref="InvalidInputException">
    /// A problem out of range, with a bias, with a width below K, with one layer, or with a K that is not r(r − 1)/2.
    /// </exception>
    public static DeepUfmPoint StronglyRegularGraph(DeepUfmProblem problem, double a = 0.6, double b = 1.2, Device? device = null)
    {
        CheckFits(problem, DeepUfmStart.StronglyRegularGraph);
        int vertices = Vertices(problem.Classes);
        var edges = new List<(int I, int J)>();
        for (int i = 0; i < vertices; i++)
            for (int j = i + 1; j < vertices; j++) edges.Add((i, j));
        int d = problem.Widths[0];
        var features = new double[problem.Samples * d];
        int row = 0;
        for (int c = 0; c < problem.Classes; c++)
            for (int i = 0; i < problem.ClassSizes[c]; i++, row++)
            {
                features[row * d + edges[c].I] = a;
                features[row * d + edges[c].J] = a;
            }
        var weights = new Tensor[problem.Layers];
        for (int l = 0; l < problem.Layers; l++)
        {
            long[] shape = problem.WeightShape(l);
            var values = new double[shape[0] * shape[1]];
            if (l == problem.Layers - 2)
            {
                for (int c = 0; c < problem.Classes; c++)
                    for (int j = 0; j < vertices; j++) values[c * shape[1] + j] = b * ((j == edges[c].I || j == edges[c].J ? 1 : 0) - 0.6);
            }
            else
            {
                int size = l == problem.Layers - 1 ? problem.Classes : vertices;
                for (int j = 0; j < size; j++) values[j * shape[1] + j] = b;
            }
            weights[l] = Tensor(values, shape, problem, device);
        }
        return new DeepUfmPoint(Tensor(features, [problem.Samples, d], problem, device), weights, null);
    }

    /// <summary>Checks that a structured start exists for <paramref name="problem"/> (nothing to check for random starts).</summary>
    /// <exception cref="InvalidInputException">A problem out of range, or one the start does not fit, in one line.</exception>
    public static void CheckFits(DeepUfmProblem problem, DeepUfmStart start)
    {
        problem.Validate();
        if (start == DeepUfmStart.Random) return;
        string name = start == DeepUfmStart.Collapsed ? "deep neural collapse" : "the strongly-regular-graph start";
        if (problem.Bias) throw new InvalidInputException($"{name} is a point of the deep UFM without bias");
        if (problem.Widths.Any(w => w < problem.Classes))
            throw new InvalidInputException($"{name} needs every width ≥ K = {problem.Classes}, got {string.Join(",", problem.Widths)}");
        if (start != DeepUfmStart.StronglyRegularGraph) return;
        int vertices = Vertices(problem.Classes);
        if (vertices * (vertices - 1) / 2 != problem.Classes)
            throw new InvalidInputException($"the strongly-regular-graph start needs K = r(r − 1)/2 classes (3, 6, 10, 15, ...), got K = {problem.Classes}");
        if (problem.Layers < 2) throw new InvalidInputException("the strongly-regular-graph start needs at least 2 layers");
    }

    /// <summary>The r with r(r − 1)/2 closest to K.</summary>
    private static int Vertices(int classes) => (int)Math.Round((1 + Math.Sqrt(1 + 8.0 * classes)) / 2);

    private static Tensor Tensor(double[] values, long[] shape, DeepUfmProblem problem, Device? device)
    {
        using var flat = tensor(values);
        return flat.view(shape).to(problem.DType, device ?? CPU);
    }
}
