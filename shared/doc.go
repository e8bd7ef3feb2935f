// Package shared is jubako's shared kernel: the few types every module and
// the platform agree on — Money, ids and the one Error type with its Codes.
// It does no I/O and imports nothing of the project.
package shared
