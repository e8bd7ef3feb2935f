package launch

import (
	"bytes"
	"io"
	"sync"
)

// console serialises whole lines from several processes onto one writer.
type console struct {
	mu  sync.Mutex
	out io.Writer
}

// write writes one whole line.
func (c *console) write(line []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, _ = c.out.Write(line)
}

// prefixer is a process's stdout and stderr: each complete line goes to
// the console after the process's name.
type prefixer struct {
	console *console
	prefix  []byte
	partial []byte
}

func newPrefixer(c *console, name string, width int) *prefixer {
	prefix := append([]byte(name), bytes.Repeat([]byte(" "), max(width-len(name), 0))...)
	return &prefixer{console: c, prefix: append(prefix, " | "...)}
}

// Write passes on the complete lines of b and keeps the rest for later.
func (p *prefixer) Write(b []byte) (int, error) {
	p.partial = append(p.partial, b...)
	for {
		i := bytes.IndexByte(p.partial, '\n')
		if i < 0 {
			return len(b), nil
		}
		p.console.write(append(append([]byte{}, p.prefix...), p.partial[:i+1]...))
		p.partial = p.partial[i+1:]
	}
}

// flush writes what is left of an unfinished last line.
func (p *prefixer) flush() {
	if len(p.partial) > 0 {
		_, _ = p.Write([]byte("\n"))
	}
}
