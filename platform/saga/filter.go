package saga

import (
	"strconv"
	"time"

	"github.com/jubako/jubako/shared"
)

// ForcedReason is the reason of a compensation an operator forced without
// giving one.
const ForcedReason = "compensation forced by an operator"

// ParseFilter reads a Filter from query parameters (get returns one by
// name, "" when absent): status, name, stuck=true, older_than (a
// duration) and limit (1 to 500). Bad values are shared.Invalid naming
// the parameter.
func ParseFilter(get func(key string) string) (Filter, error) {
	f := Filter{Name: get("name"), Status: get("status")}
	if stuck := get("stuck"); stuck != "" {
		b, err := strconv.ParseBool(stuck)
		if err != nil {
			return f, shared.Invalid("stuck", "must be true or false")
		}
		f.Stuck = b
	}
	if age := get("older_than"); age != "" {
		d, err := time.ParseDuration(age)
		if err != nil || d < 0 {
			return f, shared.Invalid("older_than", "not a duration (use 30s, 5m, 2h)")
		}
		f.OlderThan = d
	}
	if limit := get("limit"); limit != "" {
		n, err := strconv.Atoi(limit)
		if err != nil || n < 1 || n > 500 {
			return f, shared.Invalid("limit", "must be a number from 1 to 500")
		}
		f.Limit = n
	}
	return f, nil
}
