// Package experiment runs steady-state chaos experiments: while one runs,
// the edge splits identified visitors into a control and an experiment
// cohort by a stable hash of their id, the run's faults (package chaos)
// hit the experiment cohort only, and both cohorts' steady state — route
// error rates and p95s, saga completion, checkout success — is counted in
// Redis from the gateway and the saga engine of every process. The run
// aborts when an abort condition breaches, and ends with a verdict per
// hypothesis line: held (the fault made no difference beyond the
// tolerance) or deviated. The admin API, the console panel and `jubako
// experiment run` drive it.
package experiment
