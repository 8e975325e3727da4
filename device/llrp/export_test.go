package llrp

// ProcessCPU exposes the process CPU clock to the external benchmarks.
var ProcessCPU = processCPU
