package resilience

import (
	"encoding/json"
	"reflect"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
)

// lastGood keeps the last successful replies of one endpoint, keyed by the
// request's JSON (Go encodes a struct's fields in order and a map's keys
// sorted, so equal requests have equal keys). A reply is kept as JSON, the
// form it crosses processes in: a copy nobody else holds, decoded into a
// fresh reply when it answers. The LRU bounds the entries; MaxAge the age.
type lastGood struct {
	entries *lru.Cache[string, entry]
	maxAge  time.Duration
	now     func() time.Time
}

type entry struct {
	reply []byte
	at    time.Time
}

func newLastGood(size int, maxAge time.Duration, now func() time.Time) *lastGood {
	c, err := lru.New[string, entry](max(size, 1))
	if err != nil {
		panic(err) // only for a size under 1
	}
	return &lastGood{entries: c, maxAge: maxAge, now: now}
}

// keep records reply as the last good answer to request.
func (l *lastGood) keep(request, reply any) {
	key, err := json.Marshal(request)
	if err != nil {
		return
	}
	body, err := json.Marshal(reply)
	if err != nil {
		return
	}
	l.entries.Add(string(key), entry{reply: body, at: l.now()})
}

// answer decodes the last good reply to request into reply and returns
// its age; false when there is none young enough.
func (l *lastGood) answer(request, reply any) (time.Duration, bool) {
	key, err := json.Marshal(request)
	if err != nil {
		return 0, false
	}
	e, ok := l.entries.Get(string(key))
	if !ok {
		return 0, false
	}
	age := l.now().Sub(e.at)
	if l.maxAge > 0 && age > l.maxAge {
		l.entries.Remove(string(key))
		return 0, false
	}
	reflect.ValueOf(reply).Elem().SetZero()
	if err := json.Unmarshal(e.reply, reply); err != nil {
		return 0, false
	}
	return age, true
}

// span is the number of entries and the ages of the oldest and newest.
func (l *lastGood) span() (n int, oldest, newest time.Duration) {
	now := l.now()
	for i, k := range l.entries.Keys() {
		e, ok := l.entries.Peek(k)
		if !ok {
			continue
		}
		age := now.Sub(e.at)
		if i == 0 || age > oldest {
			oldest = age
		}
		if n == 0 || age < newest {
			newest = age
		}
		n++
	}
	return n, oldest, newest
}
