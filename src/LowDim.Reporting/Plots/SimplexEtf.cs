namespace LowDim.Reporting.Plots;

/// <summary>The Gram matrices that NC2 compares: a Gram normalised by its Frobenius norm, and the simplex ETF's.</summary>
internal static class SimplexEtf
{
    /// <summary>(K, K) (I − 11ᵀ/K)/√(K−1): the normalised Gram matrix of K centred vectors of a simplex equiangular tight frame.</summary>
    public static double[,] Gram(int classes)
    {
        var gram = new double[classes, classes];
        double scale = 1 / Math.Sqrt(classes - 1);
        for (int i = 0; i < classes; i++)
            for (int j = 0; j < classes; j++)
                gram[i, j] = ((i == j ? 1 : 0) - 1.0 / classes) * scale;
        return gram;
    }

    /// <summary>G/‖G‖_F; a zero matrix stays zero.</summary>
    public static double[,] Normalised(double[,] gram)
    {
        double norm = 0;
        foreach (double value in gram) norm += value * value;
        norm = Math.Sqrt(norm);
        var result = (double[,])gram.Clone();
        if (norm == 0) return result;
        for (int i = 0; i < gram.GetLength(0); i++)
            for (int j = 0; j < gram.GetLength(1); j++)
                result[i, j] /= norm;
        return result;
    }
}
