// Package hipstershop is the public contract of the hipstershop module, an
// anti-corruption layer: it serves Online Boutique's gRPC protocol
// (package hipstershop, pb/) on the process's gRPC server — all nine of
// its services — and translates every call into calls of the shop's
// module contracts on the bus, and their answers back. It owns no table
// and declares nothing on the bus; no module imports it, and none but it
// learns of protobuf.
package hipstershop

// OwnerPrefix starts the jubako user id that stands for an Online
// Boutique user_id: the cart and orders of user_id u belong to
// OwnerPrefix+u. The namespace is the protocol's own, so callers of the
// gRPC services, which Online Boutique does not authenticate, never reach
// the carts and orders of the shop's customers and guests.
const OwnerPrefix = "ob-"
