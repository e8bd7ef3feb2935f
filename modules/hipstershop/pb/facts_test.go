package pb_test

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/bufbuild/protocompile"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// facts lists the wire facts of a file by full name: its package and
// syntax; each service's methods with their request and reply types and
// streaming; each message (nested ones too) with each field's number,
// type, label, presence and packing, its oneof; each enum value's number.
// Comments, options such as go_package and the file's own path are not
// on the wire and are left out.
func facts(fd protoreflect.FileDescriptor) map[string]string {
	out := map[string]string{"package": string(fd.Package()), "syntax": fd.Syntax().String()}
	for i := range fd.Services().Len() {
		s := fd.Services().Get(i)
		out[string(s.FullName())] = "service"
		for j := range s.Methods().Len() {
			m := s.Methods().Get(j)
			out[string(m.FullName())] = fmt.Sprintf("rpc (%s%s) returns (%s%s)",
				stream(m.IsStreamingClient()), m.Input().FullName(), stream(m.IsStreamingServer()), m.Output().FullName())
		}
	}
	messageFacts(out, fd.Messages())
	enumFacts(out, fd.Enums())
	return out
}

func messageFacts(out map[string]string, msgs protoreflect.MessageDescriptors) {
	for i := range msgs.Len() {
		m := msgs.Get(i)
		out[string(m.FullName())] = "message"
		for j := range m.Fields().Len() {
			f := m.Fields().Get(j)
			out[string(f.FullName())] = fieldFact(f)
		}
		messageFacts(out, m.Messages())
		enumFacts(out, m.Enums())
	}
}

func fieldFact(f protoreflect.FieldDescriptor) string {
	kind := f.Kind().String()
	switch {
	case f.Message() != nil:
		kind += " " + string(f.Message().FullName())
	case f.Enum() != nil:
		kind += " " + string(f.Enum().FullName())
	}
	fact := fmt.Sprintf("field %d %s %s presence=%v packed=%v", f.Number(), f.Cardinality(), kind, f.HasPresence(), f.IsPacked())
	if o := f.ContainingOneof(); o != nil {
		fact += " oneof=" + string(o.Name())
	}
	return fact
}

func enumFacts(out map[string]string, enums protoreflect.EnumDescriptors) {
	for i := range enums.Len() {
		e := enums.Get(i)
		out[string(e.FullName())] = "enum"
		for j := range e.Values().Len() {
			v := e.Values().Get(j)
			out[string(v.FullName())] = fmt.Sprintf("value %d", v.Number())
		}
	}
}

func stream(on bool) string {
	if on {
		return "stream "
	}
	return ""
}

// differences lists, sorted, each name whose fact is not the same in got
// and want, with both facts.
func differences(got, want map[string]string) []string {
	var out []string
	for name, w := range want {
		if g, ok := got[name]; !ok {
			out = append(out, fmt.Sprintf("%s: missing, want %q", name, w))
		} else if g != w {
			out = append(out, fmt.Sprintf("%s: %q, want %q", name, g, w))
		}
	}
	for name, g := range got {
		if _, ok := want[name]; !ok {
			out = append(out, fmt.Sprintf("%s: %q, not in the parsed file", name, g))
		}
	}
	sort.Strings(out)
	return out
}

// compile parses and links one .proto source with protocompile.
func compile(name, source string) (protoreflect.FileDescriptor, error) {
	c := protocompile.Compiler{Resolver: &protocompile.SourceResolver{
		Accessor: protocompile.SourceAccessorFromMap(map[string]string{name: source}),
	}}
	files, err := c.Compile(context.Background(), name)
	if err != nil {
		return nil, err
	}
	return files[0], nil
}

// joined prints differences one per line.
func joined(diffs []string) string { return "\t" + strings.Join(diffs, "\n\t") }
