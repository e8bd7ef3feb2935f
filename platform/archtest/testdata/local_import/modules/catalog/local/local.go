package local

// Module wires catalog.
var Module = 0
