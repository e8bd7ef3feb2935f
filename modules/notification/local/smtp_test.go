package local_test

import (
	"net"
	"net/textproto"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// fakeSMTP is the least of an SMTP server: it accepts every command,
// keeps each message it receives, and refuses DATA while reject is set.
type fakeSMTP struct {
	ln       net.Listener
	reject   atomic.Bool
	mu       sync.Mutex
	messages []string
}

func startSMTP(t *testing.T) *fakeSMTP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeSMTP{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go f.serve(textproto.NewConn(conn))
		}
	}()
	return f
}

func (f *fakeSMTP) port() int { return f.ln.Addr().(*net.TCPAddr).Port }

func (f *fakeSMTP) serve(c *textproto.Conn) {
	defer c.Close()
	_ = c.PrintfLine("220 fake ESMTP")
	for {
		line, err := c.ReadLine()
		if err != nil {
			return
		}
		verb, _, _ := strings.Cut(strings.ToUpper(line), " ")
		switch verb {
		case "QUIT":
			_ = c.PrintfLine("221 bye")
			return
		case "DATA":
			f.data(c)
		default:
			_ = c.PrintfLine("250 ok")
		}
	}
}

func (f *fakeSMTP) data(c *textproto.Conn) {
	if f.reject.Load() {
		_ = c.PrintfLine("451 try again later")
		return
	}
	_ = c.PrintfLine("354 go on")
	msg, err := c.ReadDotBytes()
	if err != nil {
		return
	}
	f.mu.Lock()
	f.messages = append(f.messages, string(msg))
	f.mu.Unlock()
	_ = c.PrintfLine("250 queued")
}

// received returns the messages received so far.
func (f *fakeSMTP) received() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.messages...)
}
