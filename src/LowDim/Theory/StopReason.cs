namespace LowDim.Theory;

/// <summary>Why a minimisation stopped.</summary>
public enum StopReason
{
    /// <summary>The gradient norm reached the tolerance.</summary>
    Converged,

    /// <summary>The iteration limit was reached first.</summary>
    IterationLimit,

    /// <summary>The line search found no decrease: the objective is flat at the dtype's precision.</summary>
    NoProgress,

    /// <summary>The objective or its gradient became NaN or infinite (a step too large for gradient descent).</summary>
    Diverged,

    /// <summary>The observer asked to stop (for example a target nc1 was reached).</summary>
    TargetReached,

    /// <summary>The caller cancelled.</summary>
    Cancelled,
}
