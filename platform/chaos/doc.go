// Package chaos injects faults at run time — latency, errors, aborts — into
// bus calls, topic deliveries, whole modules and HTTP routes, for a share of
// the traffic of one cohort or of everyone, each fault ending by itself at
// its TTL. Faults apply in the process that serves their target, whichever
// process the request entered by. Off unless an admin adds a fault.
package chaos
