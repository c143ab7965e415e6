using LowDim.Theory;
using static TorchSharp.torch;

namespace LowDim.Tests.Theory;

/// <summary>Structured points of a ReLU deep UFM without bias, to start solvers near one kind of solution.</summary>
internal static class DeepUfmStarts
{
    /// <summary>
    /// Deep neural collapse: h_i = a·e_{y_i} and every W_l = b·[I_K 0; 0 0], so every layer's class means are
    /// K orthogonal vectors of equal norm (needs every width ≥ K).
    /// </summary>
    public static DeepUfmPoint Collapsed(DeepUfmProblem problem, double a = 0.3, double b = 1.2)
    {
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
            weights[l] = tensor(values).view(shape);
        }
        return new DeepUfmPoint(tensor(features).view(problem.Samples, problem.Widths[0]), weights, null);
    }

    /// <summary>
    /// The strongly-regular-graph (SRG) solution of Súkeník, Lampert &amp; Mondelli 2024 for the triangular graph:
    /// the K = r(r − 1)/2 classes are the edges {i, j} of the complete graph on r vertices; the features of
    /// layers 1..L−1 are a·(e_i + e_j) (rank r); W_l = b·[I_r 0; 0 0] for l ≤ L − 2; row {i, j} of W_{L−1} is
    /// b·(e_i + e_j − 0.6·1) on the first r coordinates, positive on its own class and negative on every other, so
    /// the ReLU turns the rank-r pre-activation into K orthogonal class means; W_L = b·[I_K 0]. Needs L ≥ 2 and
    /// every width ≥ K.
    /// </summary>
    public static DeepUfmPoint StronglyRegularGraph(DeepUfmProblem problem, int vertices, double a = 0.6, double b = 1.2)
    {
        var edges = new List<(int I, int J)>();
        for (int i = 0; i < vertices; i++)
            for (int j = i + 1; j < vertices; j++) edges.Add((i, j));
        if (edges.Count != problem.Classes || problem.Layers < 2) throw new ArgumentException("needs K = r(r − 1)/2 and L ≥ 2");
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
            weights[l] = tensor(values).view(shape);
        }
        return new DeepUfmPoint(tensor(features).view(problem.Samples, d), weights, null);
    }
}
