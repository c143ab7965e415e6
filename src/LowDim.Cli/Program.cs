using LowDim;
using LowDim.Cli;

TorchRuntime.UsePassiveOpenMpWaits();
return LowDimCli.Run(args, Console.Out, Console.Error);
