using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowDim.Models;

/// <summary>
/// A multilayer perceptron: the input flattened to D, then for each hidden width w_l a block
/// Linear (<c>fcl</c>) → BatchNorm1d (<c>bnl</c>, optional) → ReLU, then the head <c>fc</c>. Its tapped layers are
/// <c>fc1</c> … <c>fcL</c>, each after its activation. Initialised as PyTorch's nn.Linear and nn.BatchNorm1d, in
/// the order fc1, bn1, fc2, … fc, so the same seed gives the same weights as the same model built in PyTorch.
/// </summary>
public sealed class MultilayerPerceptron : Classifier
{
    private readonly Linear[] linears;
    private readonly BatchNorm1d[] norms;

    /// <summary>Creates the network for inputs of <paramref name="inputs"/> = D values.</summary>
    /// <exception cref="InvalidInputException">No hidden layer, or a width below 1.</exception>
    public MultilayerPerceptron(int inputs, int classes, ModelOptions options) : base(nameof(MultilayerPerceptron), classes)
    {
        if (options.Widths.Length == 0) throw new InvalidInputException("an MLP needs at least one hidden width");
        if (options.Widths.Any(width => width < 1))
            throw new InvalidInputException($"MLP widths must be at least 1, got [{string.Join(", ", options.Widths)}]");
        linears = new Linear[options.Widths.Length];
        norms = new BatchNorm1d[options.BatchNorm ? options.Widths.Length : 0];
        int previous = inputs;
        for (int layer = 0; layer < linears.Length; layer++)
        {
            int width = options.Widths[layer];
            linears[layer] = nn.Linear(previous, width);
            register_module($"fc{layer + 1}", linears[layer]);
            if (options.BatchNorm)
            {
                norms[layer] = nn.BatchNorm1d(width);
                register_module($"bn{layer + 1}", norms[layer]);
            }
            previous = width;
        }
        AttachHead(previous, Enumerable.Range(1, linears.Length).Select(layer => $"fc{layer}"), options);
    }

    /// <inheritdoc/>
    protected override Tensor Backbone(Tensor input, List<Tensor>? layers)
    {
        var hidden = input.ndim == 2 ? input : input.flatten(1);
        for (int layer = 0; layer < linears.Length; layer++)
        {
            hidden = linears[layer].call(hidden);
            if (norms.Length > 0) hidden = norms[layer].call(hidden);
            // In place: neither batch norm nor a linear layer needs its output for the backward pass.
            hidden = hidden.relu_();
            layers?.Add(hidden);
        }
        return hidden;
    }
}
