package main

// The composition root's tests dial a module as a client outside jubako
// does, with the generated code of its protocol.
import _ "github.com/jubako/jubako/modules/catalog/pb"
