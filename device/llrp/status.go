package llrp

import (
	"fmt"
	"strconv"
)

// StatusCode is an LLRPStatus code (LLRP 1.1 §14.2.2.1).
type StatusCode uint16

// Status codes a client branches on.
const (
	StatusSuccess            StatusCode = 0
	StatusParameterError     StatusCode = 100
	StatusFieldError         StatusCode = 101
	StatusMissingParameter   StatusCode = 103
	StatusUnsupportedMessage StatusCode = 109
	StatusUnsupportedVersion StatusCode = 110
	StatusUnexpectedMessage  StatusCode = 112
	StatusFieldOutOfRange    StatusCode = 301
	StatusDeviceError        StatusCode = 401
)

// Status is a decoded LLRPStatus parameter. When the reader points at the
// offending parameter or field, ParamType/FieldNum say which.
type Status struct {
	Code        StatusCode
	Description string
	// FieldNum and FieldCode come from a FieldError (HasField).
	HasField  bool
	FieldNum  uint16
	FieldCode StatusCode
	// ParamType and ParamCode come from a ParameterError (HasParam);
	// nested errors are flattened to the innermost parameter.
	HasParam  bool
	ParamType uint16
	ParamCode StatusCode
}

// DecodeStatus decodes the body of an LLRPStatus parameter.
func DecodeStatus(body []byte) (Status, error) {
	f := fields{b: body}
	s := Status{Code: StatusCode(f.u16()), Description: f.str()}
	if f.err != nil {
		return s, fmt.Errorf("LLRPStatus: %w", f.err)
	}
	return s, s.decodeDetails(f.rest(), 0)
}

func (s *Status) decodeDetails(b []byte, depth int) error {
	for len(b) > 0 && depth < 8 {
		p, rest, err := NextParam(b)
		if err != nil {
			return fmt.Errorf("LLRPStatus: %w", err)
		}
		f := fields{b: p.Body}
		switch p.Type {
		case ParamFieldError:
			s.HasField, s.FieldNum, s.FieldCode = true, f.u16(), StatusCode(f.u16())
		case ParamParameterError:
			s.HasParam, s.ParamType, s.ParamCode = true, f.u16(), StatusCode(f.u16())
			if err := s.decodeDetails(f.rest(), depth+1); err != nil {
				return err
			}
		}
		if f.err != nil {
			return fmt.Errorf("LLRPStatus detail %d: %w", p.Type, f.err)
		}
		b = rest
	}
	return nil
}

// Err returns nil on success and a *StatusError for request otherwise.
func (s Status) Err(request MsgType) error {
	if s.Code == StatusSuccess {
		return nil
	}
	return &StatusError{Request: request, Status: s}
}

// StatusError is a request the reader answered with a failure status.
// It matches ErrRejected, and ErrUnsupportedVersion for that code.
type StatusError struct {
	Request MsgType
	Status  Status
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("llrp: reader rejected %s: %s", e.Request, e.Status.Code)
	if e.Status.Description != "" {
		msg += " (" + strconv.Quote(e.Status.Description) + ")"
	}
	if e.Status.HasParam {
		msg += fmt.Sprintf("; parameter %s: %s", paramName(e.Status.ParamType), e.Status.ParamCode)
	}
	if e.Status.HasField {
		msg += fmt.Sprintf("; field %d: %s", e.Status.FieldNum, e.Status.FieldCode)
	}
	return msg + "; " + e.Status.Code.hint()
}

// responseStatus finds the LLRPStatus among a response's parameters.
func responseStatus(t MsgType, payload []byte) (Status, error) {
	b := payload
	if t == MsgGetSupportedVersionResponse && len(b) >= 2 {
		b = b[2:]
	}
	if t == MsgCustomMessage && len(b) >= 5 {
		b = b[5:]
	}
	p, ok, err := FindParam(b, ParamLLRPStatus)
	if err != nil {
		return Status{}, err
	}
	if !ok {
		return Status{}, fmt.Errorf("%s without LLRPStatus: %w", t, ErrBadParameter)
	}
	return DecodeStatus(p.Body)
}

var _ interface{ Is(error) bool } = (*StatusError)(nil)
