using LowDim;
using LowDim.Cli;

TorchRuntime.UseShortOpenMpWaits();
return LowDimCli.Run(args, Console.Out, Console.Error);
