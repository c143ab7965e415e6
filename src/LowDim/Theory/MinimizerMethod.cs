namespace LowDim.Theory;

/// <summary>The algorithms of <see cref="Minimizer"/>.</summary>
public enum MinimizerMethod
{
    /// <summary>Full-batch gradient descent with a fixed step.</summary>
    GradientDescent,

    /// <summary>Limited-memory BFGS (two-loop recursion) with a strong Wolfe line search (Nocedal &amp; Wright, Alg. 7.4, 3.5, 3.6).</summary>
    Lbfgs,
}
