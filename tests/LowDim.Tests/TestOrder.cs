// Test classes run one after another: models are initialised from torch's one process-wide generator,
// so a test drawing random numbers on another thread while a trainer seeds it and builds its model would
// change that model's weights, and the determinism and resume tests would compare different runs.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
