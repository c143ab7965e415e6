using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>
/// v ↦ H v for the Hessian H of a scalar f at a point, by double backward: the gradient g = ∇f is built once with
/// its own graph, and each product is the vector–Jacobian product of g with v, which is H v because H is symmetric.
/// </summary>
/// <remarks>
/// libtorch errors inside <c>autograd.grad</c> end the process rather than raise an exception, so everything that
/// could make it fail is checked before the first call: floating-point leaves of one dtype and device, a scalar f
/// that depends on them, and vectors of the right length. Leaves f does not use, or uses only linearly, get zero
/// rows and columns. What no check can catch is an operation in f without a second derivative in libtorch (a few
/// fused kernels): that still ends the process. The operator owns the leaves, the gradient and, through it, the graph.
/// </remarks>
internal sealed class HessianOperator : IDisposable
{
    private readonly Tensor[] _leaves;
    private readonly Tensor? _gradient;

    private HessianOperator(Tensor[] leaves, Tensor? gradient)
    {
        _leaves = leaves;
        _gradient = gradient;
        Dimension = leaves.Sum(t => t.numel());
    }

    /// <summary>n, the total number of elements of the leaves.</summary>
    public long Dimension { get; }

    /// <summary>The dtype of the leaves, of every vector in and out.</summary>
    public ScalarType DType => _leaves[0].dtype;

    /// <summary>The device of the leaves, of every vector in and out.</summary>
    public Device Device => _leaves[0].device;

    /// <summary>
    /// Builds the gradient of <paramref name="f"/> at detached copies of <paramref name="at"/> that require grad.
    /// </summary>
    /// <exception cref="InvalidInputException">Tensors or an f that autograd cannot differentiate twice.</exception>
    public static HessianOperator Build(Func<Tensor[], Tensor> f, IReadOnlyList<Tensor> at)
    {
        CheckPoint(at);
        using var scope = NewDisposeScope();
        using var gradMode = enable_grad();
        var leaves = at.Select(t => t.detach().clone().requires_grad_(true)).ToArray();
        var value = f(leaves);
        CheckValue(value);
        // TorchSharp's retain_graph defaults to false even with create_graph, unlike PyTorch's; the graph of g
        // refers to values the forward pass saved, so the forward graph must stay.
        var grads = autograd.grad([value], leaves, retain_graph: true, create_graph: true, allow_unused: true);
        if (grads.All(g => g.IsInvalid))
            throw new InvalidInputException("f's value does not depend on the tensors it was given (only on other tensors that require grad)");
        var gradient = Flatten(grads, leaves);
        foreach (var leaf in leaves) leaf.DetachFromDisposeScope();
        // A gradient that does not require grad is constant: f is at most linear and H = 0.
        return new HessianOperator(leaves, gradient.requires_grad ? gradient.DetachFromDisposeScope() : null);
    }

    /// <summary>H v for a flat vector v (n) of the leaves' dtype and device; the result (n) leaves the graph.</summary>
    public Tensor Apply(Tensor vector)
    {
        if (_gradient is null) return zeros_like(vector);
        using var scope = NewDisposeScope();
        var products = autograd.grad([_gradient], _leaves, [vector], retain_graph: true, allow_unused: true);
        return Flatten(products, _leaves).detach().MoveToOuterDisposeScope();
    }

    /// <summary>Checks a flat vector against the operator's dimension and brings it to the leaves' dtype and device.</summary>
    /// <exception cref="InvalidInputException">A vector that is not floating point or not (n).</exception>
    public Tensor Conform(Tensor vector)
    {
        if (vector is null || vector.IsInvalid) throw new InvalidInputException("the vector is null or disposed");
        if (!vector.is_floating_point()) throw new InvalidInputException($"the vector must be floating point, got {vector.dtype}");
        if (vector.ndim != 1 || vector.shape[0] != Dimension)
            throw new InvalidInputException($"the vector must be flat with {Dimension} elements (all the tensors' elements), got shape [{string.Join(", ", vector.shape)}]");
        return vector.detach().to(DType, Device);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _gradient?.Dispose();
        foreach (var leaf in _leaves) leaf.Dispose();
    }

    /// <summary>The derivatives as one flat vector; autograd leaves undefined the ones of unused leaves, which are 0.</summary>
    private static Tensor Flatten(IList<Tensor> derivatives, Tensor[] leaves) =>
        cat(derivatives.Select((d, i) => d.IsInvalid ? zeros_like(leaves[i]).reshape(-1) : d.reshape(-1)).ToArray(), 0);

    private static void CheckPoint(IReadOnlyList<Tensor> at)
    {
        if (at is null || at.Count == 0) throw new InvalidInputException("the Hessian needs at least one tensor");
        for (int i = 0; i < at.Count; i++)
        {
            if (at[i] is null || at[i].IsInvalid) throw new InvalidInputException($"tensor {i} is null or disposed");
            if (!at[i].is_floating_point())
                throw new InvalidInputException($"tensor {i} must be floating point to be differentiated, got {at[i].dtype}");
            if (at[i].dtype != at[0].dtype)
                throw new InvalidInputException($"all tensors must share one dtype, got {at[0].dtype} and {at[i].dtype}");
            if (at[i].device_type != at[0].device_type || at[i].device_index != at[0].device_index)
                throw new InvalidInputException($"all tensors must be on one device, got {at[0].device} and {at[i].device}");
        }
        if (at.Sum(t => t.numel()) == 0) throw new InvalidInputException("the tensors have no elements");
    }

    private static void CheckValue(Tensor value)
    {
        if (value is null || value.IsInvalid) throw new InvalidInputException("f returned null or a disposed tensor");
        if (value.numel() != 1)
            throw new InvalidInputException($"f must return a scalar, got shape [{string.Join(", ", value.shape)}]");
        if (!value.is_floating_point()) throw new InvalidInputException($"f must return a floating-point scalar, got {value.dtype}");
        if (!value.requires_grad)
            throw new InvalidInputException("f's value does not depend on the tensors it was given (it does not require grad)");
    }
}
