using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowDim.Models;

/// <summary>
/// A small convolutional network for (C, H, W) images: for each width c_l in <see cref="ModelOptions.Widths"/> a
/// block Conv2d 3×3, padding 1 (<c>convl</c>, no bias when followed by batch normalisation) → BatchNorm2d
/// (<c>bnl</c>, optional) → ReLU → 2×2 max pooling, then global average pooling to c_L features and the head
/// <c>fc</c>. Its tapped layers are <c>conv1</c> … <c>convL</c> (each block's pooled output) and <c>avgpool</c>
/// (the features). Initialised as PyTorch's nn.Conv2d and nn.BatchNorm2d.
/// </summary>
public sealed class ConvNet : Classifier
{
    private readonly Conv2d[] convolutions;
    private readonly BatchNorm2d[] norms;

    /// <summary>Creates the network for images of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/>.</summary>
    /// <exception cref="InvalidInputException">No block, a width below 1, or images too small to halve once per block.</exception>
    public ConvNet(int channels, int height, int width, int classes, ModelOptions options) : base(nameof(ConvNet), classes)
    {
        int blocks = options.Widths.Length;
        if (blocks == 0) throw new InvalidInputException("a CNN needs at least one convolutional block (--widths)");
        if (options.Widths.Any(w => w < 1))
            throw new InvalidInputException($"CNN widths must be at least 1, got [{string.Join(", ", options.Widths)}]");
        if (Math.Min(height, width) >> blocks < 1)
            throw new InvalidInputException($"{height}×{width} images are too small for {blocks} blocks that each halve them");
        convolutions = new Conv2d[blocks];
        norms = new BatchNorm2d[options.BatchNorm ? blocks : 0];
        int previous = channels;
        for (int block = 0; block < blocks; block++)
        {
            int outputs = options.Widths[block];
            convolutions[block] = nn.Conv2d(previous, outputs, kernel_size: 3, padding: 1, bias: !options.BatchNorm);
            register_module($"conv{block + 1}", convolutions[block]);
            if (options.BatchNorm)
            {
                norms[block] = nn.BatchNorm2d(outputs);
                register_module($"bn{block + 1}", norms[block]);
            }
            previous = outputs;
        }
        var names = Enumerable.Range(1, blocks).Select(block => $"conv{block}").Append("avgpool");
        AttachHead(previous, names, options);
    }

    /// <inheritdoc/>
    protected override Tensor Backbone(Tensor input, List<Tensor>? layers)
    {
        var hidden = input;
        for (int block = 0; block < convolutions.Length; block++)
        {
            hidden = convolutions[block].call(hidden);
            if (norms.Length > 0) hidden = norms[block].call(hidden);
            hidden = nn.functional.max_pool2d(hidden.relu_(), [2, 2]);
            layers?.Add(hidden.flatten(1));
        }
        var features = hidden.mean([2, 3]);
        layers?.Add(features);
        return features;
    }
}
