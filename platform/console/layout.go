package console

import (
	"fmt"
	"math"
	"sort"
)

// layout puts the gateway on top of a circle and the modules clockwise
// after it, by name, each in its colour.
func layout(names map[string]bool, remotes map[string]string, color func(string) string) []mapNode {
	order := make([]string, 0, len(names))
	for n := range names {
		if n != gatewayNode {
			order = append(order, n)
		}
	}
	sort.Strings(order)
	order = append([]string{gatewayNode}, order...)
	nodes := make([]mapNode, len(order))
	for i, n := range order {
		angle := -math.Pi/2 + 2*math.Pi*float64(i)/float64(len(order))
		_, remote := remotes[n]
		nodes[i] = mapNode{
			Name: n, Remote: remote, Color: color(n), R: nodeRadius, Small: len(n) > 10,
			X: round(mapWidth/2 + mapRadiusX*math.Cos(angle)), Y: round(mapHeight/2 + mapRadiusY*math.Sin(angle)),
		}
	}
	return nodes
}

// route draws e from a to b as a curve that stops at the nodes' rims. It
// bends toward the middle of the map, so that an edge between neighbours
// does not cross the nodes between them, and a little to its right, so
// that traffic both ways shows as two arcs.
func route(e *mapEdge, a, b mapNode) {
	dx, dy := b.X-a.X, b.Y-a.Y
	dist := math.Hypot(dx, dy)
	if dist == 0 {
		return
	}
	px, py := -dy/dist, dx/dist
	mx, my := (a.X+b.X)/2, (a.Y+b.Y)/2
	cx := mx + (mapWidth/2-mx)*0.35 + px*14
	cy := my + (mapHeight/2-my)*0.35 + py*14
	sx, sy := toward(a.X, a.Y, cx, cy, nodeRadius+2)
	ex, ey := toward(b.X, b.Y, cx, cy, nodeRadius+4)
	e.Path = fmt.Sprintf("M%.1f %.1f Q%.1f %.1f %.1f %.1f", sx, sy, cx, cy, ex, ey)
	e.LabelX, e.LabelY = round((sx+2*cx+ex)/4), round((sy+2*cy+ey)/4)
}

// toward is the point at distance d from (x, y) in the direction of (tx, ty).
func toward(x, y, tx, ty, d float64) (float64, float64) {
	dx, dy := tx-x, ty-y
	n := math.Hypot(dx, dy)
	if n == 0 {
		return x, y
	}
	return x + dx/n*d, y + dy/n*d
}

func round(f float64) float64 { return math.Round(f*10) / 10 }
