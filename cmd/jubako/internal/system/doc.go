// Package system holds the shop's system suites: the whole shop — every
// module of linked.Modules — started in process or as OS processes of real
// builds (the monolith and split topologies), and driven over HTTP as its
// users and operators would: checkouts, the edge, crashes, outages, the
// console, telemetry. It has no code of its own besides its tests.
package system
