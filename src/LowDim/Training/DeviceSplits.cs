using LowDim.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Training;

/// <summary>The training and test splits on the compute device; copies made for another device are owned and disposed.</summary>
internal sealed class DeviceSplits : IDisposable
{
    private readonly bool _copied;

    public DeviceSplits(DatasetPair data, Device device)
    {
        _copied = device.type != DeviceType.CPU;
        TrainInputs = Place(data.Train.Inputs, device);
        TrainLabels = Place(data.Train.Labels, device);
        TestInputs = Place(data.Test.Inputs, device);
        TestLabels = Place(data.Test.Labels, device);
    }

    public Tensor TrainInputs { get; }
    public Tensor TrainLabels { get; }
    public Tensor TestInputs { get; }
    public Tensor TestLabels { get; }

    private Tensor Place(Tensor tensor, Device device) => _copied ? tensor.to(device) : tensor;

    public void Dispose()
    {
        if (!_copied) return;
        TrainInputs.Dispose();
        TrainLabels.Dispose();
        TestInputs.Dispose();
        TestLabels.Dispose();
    }
}
