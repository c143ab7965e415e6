using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowDim.Models;

/// <summary>
/// torchvision's ResNet BasicBlock: relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)), with 3×3 convolutions
/// and, when the block changes the stride or the width, the shortcut <c>downsample</c> = 1×1 convolution
/// (<c>downsample.0</c>) and BatchNorm2d (<c>downsample.1</c>).
/// </summary>
public sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? downsample;

    /// <summary>Creates a block from <paramref name="inputs"/> to <paramref name="planes"/> channels.</summary>
    public BasicBlock(int inputs, int planes, int stride) : base(nameof(BasicBlock))
    {
        conv1 = nn.Conv2d(inputs, planes, kernel_size: 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(planes);
        conv2 = nn.Conv2d(planes, planes, kernel_size: 3, stride: 1, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(planes);
        if (stride != 1 || inputs != planes)
            downsample = nn.Sequential(nn.Conv2d(inputs, planes, kernel_size: 1, stride: stride, bias: false), nn.BatchNorm2d(planes));
        RegisterComponents();
    }

    /// <summary>(N, inputs, H, W) → (N, planes, H/stride, W/stride).</summary>
    public override Tensor forward(Tensor input)
    {
        var output = bn1.call(conv1.call(input)).relu_();
        output = bn2.call(conv2.call(output));
        var shortcut = downsample is null ? input : downsample.call(input);
        return output.add_(shortcut).relu_();
    }
}
