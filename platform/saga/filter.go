package saga

import "github.com/jubako/jubako/shared"

// ForcedReason is the reason of a compensation an operator forced without
// giving one.
const ForcedReason = "compensation forced by an operator"

// ParseFilter reads a Filter from query parameters: status, name,
// stuck=true, older_than (a duration) and limit (1 to 500). Bad values are
// shared.Invalid naming the parameter.
func ParseFilter(query map[string]string) (Filter, error) {
	p := shared.ParamsOf(query)
	f := Filter{
		Name:      p.String("name"),
		Status:    p.String("status"),
		Stuck:     p.Bool("stuck"),
		OlderThan: p.Duration("older_than", "30s, 5m, 2h"),
		Limit:     p.Int("limit", 0, 1, 500),
	}
	return f, p.Err()
}
