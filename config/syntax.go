package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// syntaxForm is the expected form of a file that does not parse.
const syntaxForm = "expected YAML key: value lines, indented with spaces (no tabs), quotes and brackets closed"

// parse reads one source into its document node and the plain map the
// merge takes. A syntax error (or a key given twice) becomes problems
// with the line and its text; the source is then left out of the merge.
func parse(s Source, at place, ps *problems) (*yaml.Node, map[string]any, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(s.Data, &doc); err != nil {
		at = syntaxAt(s, at, err)
		ps.add(at, "", withLine(s, at, syntaxText(err)))
		return nil, nil, false
	}
	m := map[string]any{}
	if len(doc.Content) == 0 {
		return &doc, m, true
	}
	if err := doc.Content[0].Decode(&m); err != nil {
		decodeProblems(s, at, err, ps)
		return nil, nil, false
	}
	return &doc, m, true
}

// syntaxAt finds the line at fault. yaml.v3 often names the line where
// the enclosing block began, or the one before the fault, so the line
// is the first one whose prefix of the file fails with the same problem.
func syntaxAt(s Source, at place, err error) place {
	reported, problem := splitYAMLError(err)
	lines := strings.Split(string(s.Data), "\n")
	at.line = reported
	for k := 1; k <= len(lines); k++ {
		var n yaml.Node
		perr := yaml.Unmarshal([]byte(strings.Join(lines[:k], "\n")), &n)
		if _, p := splitYAMLError(perr); perr != nil && p == problem {
			at.line = k
			break
		}
	}
	return at
}

func syntaxText(err error) string {
	_, problem := splitYAMLError(err)
	return fmt.Sprintf("YAML syntax error: %s; %s", problem, syntaxForm)
}

// withLine appends the text of the line at fault, for the eye.
func withLine(s Source, at place, text string) string {
	lines := strings.Split(string(s.Data), "\n")
	if at.line < 1 || at.line > len(lines) {
		return text
	}
	return fmt.Sprintf("%s\n    %d | %s", text, at.line, lines[at.line-1])
}

// decodeProblems reports what the YAML decoder refused in a document
// that parsed: a key given twice, or a file that is not a mapping.
func decodeProblems(s Source, at place, err error, ps *problems) {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		ps.add(at, "", fmt.Sprintf("%v; %s", err, syntaxForm))
		return
	}
	for _, e := range te.Errors {
		line, msg := splitLine(e)
		at.line = line
		if strings.Contains(msg, "cannot unmarshal") {
			msg = "the file is not a list of key: value lines; " + syntaxForm
		} else {
			msg += "; expected each key once in a section (later files override earlier ones)"
		}
		ps.add(at, "", withLine(s, at, msg))
	}
}

// splitYAMLError splits "yaml: line 3: problem" into 3 and "problem".
func splitYAMLError(err error) (int, string) {
	if err == nil {
		return 0, ""
	}
	return splitLine(strings.TrimPrefix(err.Error(), "yaml: "))
}

func splitLine(msg string) (int, string) {
	rest, ok := strings.CutPrefix(msg, "line ")
	if !ok {
		return 0, msg
	}
	num, problem, ok := strings.Cut(rest, ": ")
	n, err := strconv.Atoi(num)
	if !ok || err != nil {
		return 0, msg
	}
	return n, problem
}
