package sheet

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"io"
	"time"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/code128"
	"github.com/boombuler/barcode/qr"
	"github.com/go-pdf/fpdf"

	"github.com/edged/edged/workflow"
)

// Symbology is the barcode type printed.
type Symbology string

// Symbologies.
const (
	Code128 Symbology = "code128" // linear; every scanner reads it
	QR      Symbology = "qr"      // 2D; needs an imager
)

// Options control the layout. The zero value is Code 128, 2 columns
// and 6 rows per A4 page, compressed.
type Options struct {
	Symbology Symbology
	Title     string
	// Uncompressed writes plain page streams (for tests and debugging).
	Uncompressed bool
	// Created stamps the PDF; zero means now.
	Created time.Time
}

// Layout of an A4 page in millimetres.
const (
	cols, rows      = 2, 6
	marginX, top    = 15.0, 20.0
	cellW, cellH    = 90.0, 44.0
	codeW, codeH    = 80.0, 22.0
	qrSide          = 30.0
	captionH        = 6.0
	pixelsPerModule = 4
	barHeightPx     = 80
)

// Write renders labels as a PDF to w.
func Write(w io.Writer, labels []workflow.Label, opts Options) error {
	if opts.Symbology == "" {
		opts.Symbology = Code128
	}
	if opts.Symbology != Code128 && opts.Symbology != QR {
		return fmt.Errorf("%w: %q", ErrSymbology, opts.Symbology)
	}
	pdf := newPDF(opts)
	for i, l := range labels {
		if i%(cols*rows) == 0 {
			newPage(pdf, opts.Title)
		}
		if err := place(pdf, i, l, opts.Symbology); err != nil {
			return err
		}
	}
	if len(labels) == 0 {
		newPage(pdf, opts.Title)
	}
	return pdf.Output(w)
}

func newPDF(opts Options) *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(!opts.Uncompressed)
	pdf.SetAutoPageBreak(false, 0) // the grid decides pages; a caption near the bottom must not start one
	created := opts.Created
	if created.IsZero() {
		created = time.Now()
	}
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetCatalogSort(true)
	pdf.SetCreator("edged print-commands", false)
	pdf.SetTitle(opts.Title, true)
	return pdf
}

func newPage(pdf *fpdf.Fpdf, title string) {
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 12)
	pdf.SetXY(marginX, 8)
	pdf.CellFormat(cols*cellW, 8, title, "", 0, "L", false, 0, "")
}

// place draws label i: the barcode and its caption in its grid cell.
func place(pdf *fpdf.Fpdf, i int, l workflow.Label, sym Symbology) error {
	img, w, h, err := encode(l.Data, sym)
	if err != nil {
		return fmt.Errorf("sheet: label %q: %w", l.Data, err)
	}
	name := fmt.Sprintf("label%d", i)
	pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(img))
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("sheet: label %q: %w", l.Data, err)
	}
	k := i % (cols * rows)
	x, y := marginX+float64(k%cols)*cellW, top+float64(k/cols)*cellH
	pdf.ImageOptions(name, x+(cellW-10-w)/2, y, w, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	pdf.SetFont("Helvetica", "", 10)
	pdf.SetXY(x, y+h+1)
	pdf.CellFormat(cellW-10, captionH, l.Caption+"  ["+l.Data+"]", "", 0, "C", false, 0, "")
	return nil
}

// encode returns the barcode as PNG and its printed size in mm.
func encode(data string, sym Symbology) (img []byte, w, h float64, err error) {
	var bc barcode.Barcode
	w, h = codeW, codeH
	if sym == QR {
		bc, err = qr.Encode(data, qr.M, qr.Auto)
		w, h = qrSide, qrSide
	} else {
		bc, err = code128.Encode(data)
	}
	if err != nil {
		return nil, 0, 0, err
	}
	b := bc.Bounds()
	pxH := barHeightPx // a linear code is one pixel high; give it its bar height
	if sym == QR {
		pxH = b.Dy() * pixelsPerModule
	}
	scaled, err := barcode.Scale(bc, b.Dx()*pixelsPerModule, pxH)
	if err != nil {
		return nil, 0, 0, err
	}
	img, err = pngBytes(scaled)
	return img, w, h, err
}

// pngBytes encodes img as an 8-bit grey PNG (the library's scaler
// yields 16-bit grey, twice the size for black and white bars).
func pngBytes(img image.Image) ([]byte, error) {
	gray := image.NewGray(img.Bounds())
	draw.Draw(gray, gray.Bounds(), img, img.Bounds().Min, draw.Src)
	var buf bytes.Buffer
	err := png.Encode(&buf, gray)
	return buf.Bytes(), err
}
