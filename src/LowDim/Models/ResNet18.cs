using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowDim.Models;

/// <summary>
/// ResNet-18 (He et al. 2016) in torchvision's layout and state_dict names (<c>conv1</c>, <c>bn1</c>,
/// <c>layer1</c> … <c>layer4</c> of two <see cref="BasicBlock"/>s each, <c>fc</c>), with the CIFAR stem: a 3×3,
/// stride 1 convolution and no max pooling, for 32×32 images. Its input channels follow the samples, so 1-channel
/// 28×28 MNIST and Fashion-MNIST images go in unchanged, as in Papyan, Han &amp; Donoho 2020. Global average pooling
/// gives 512 features. Its tapped layers are <c>conv1</c> (the stem, after bn1 and ReLU), <c>layer1</c> …
/// <c>layer4</c> and <c>avgpool</c> (the features).
/// </summary>
/// <remarks>
/// Initialised as torchvision: PyTorch's default initialisation as each module is made, then the convolutions
/// redrawn from kaiming_normal(fan_out, ReLU) and the batch-norm scales and shifts set to 1 and 0, in module order.
/// </remarks>
public sealed class ResNet18 : Classifier
{
    private static readonly int[] Planes = [64, 128, 256, 512];

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly ModuleList<BasicBlock> layer1;
    private readonly ModuleList<BasicBlock> layer2;
    private readonly ModuleList<BasicBlock> layer3;
    private readonly ModuleList<BasicBlock> layer4;

    /// <summary>Creates the network for images with <paramref name="channels"/> channels.</summary>
    public ResNet18(int channels, int classes, ModelOptions options) : base(nameof(ResNet18), classes)
    {
        conv1 = nn.Conv2d(channels, 64, kernel_size: 3, stride: 1, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(64);
        layer1 = Stage(64, Planes[0], stride: 1);
        layer2 = Stage(Planes[0], Planes[1], stride: 2);
        layer3 = Stage(Planes[1], Planes[2], stride: 2);
        layer4 = Stage(Planes[2], Planes[3], stride: 2);
        register_module(nameof(conv1), conv1);
        register_module(nameof(bn1), bn1);
        register_module(nameof(layer1), layer1);
        register_module(nameof(layer2), layer2);
        register_module(nameof(layer3), layer3);
        register_module(nameof(layer4), layer4);
        AttachHead(Planes[3], ["conv1", "layer1", "layer2", "layer3", "layer4", "avgpool"], options);
        foreach (var (_, module) in named_modules())
        {
            switch (module)
            {
                case Conv2d convolution:
                    nn.init.kaiming_normal_(convolution.weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
                    break;
                case BatchNorm2d norm:
                    nn.init.constant_(norm.weight, 1);
                    nn.init.constant_(norm.bias, 0);
                    break;
            }
        }
    }

    /// <inheritdoc/>
    protected override Tensor Backbone(Tensor input, List<Tensor>? layers)
    {
        var hidden = bn1.call(conv1.call(input)).relu_();
        layers?.Add(hidden.flatten(1));
        foreach (var stage in (ModuleList<BasicBlock>[])[layer1, layer2, layer3, layer4])
        {
            foreach (var block in stage) hidden = block.call(hidden);
            layers?.Add(hidden.flatten(1));
        }
        var features = hidden.mean([2, 3]);
        layers?.Add(features);
        return features;
    }

    private static ModuleList<BasicBlock> Stage(int inputs, int planes, int stride) =>
        nn.ModuleList(new BasicBlock(inputs, planes, stride), new BasicBlock(planes, planes, 1));
}
