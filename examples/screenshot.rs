//! Draws a terminal capture as a PNG image: the screenshots in `screenshots/` are made from
//! `tmux capture-pane -e -p` (text with its colour escapes) by `scripts/screenshots.sh`.
//!
//! ```sh
//! cargo run --release --example screenshot -- --cols 120 --rows 40 capture.ansi out.png
//! ```
//!
//! The capture is replayed through a terminal emulator (vt100) so colours, bold and reverse
//! video come out as the terminal drew them, then each cell is painted with a monospace font
//! (DejaVu Sans Mono, found in the usual system folders or given with `--font`).

use std::fs::File;
use std::io::BufWriter;
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ab_glyph::{Font, FontVec, PxScale, ScaleFont, point};

/// The pixel height of the font; a cell is about 9 by 19 pixels at this size.
const FONT_PX: f32 = 16.0;

/// The colours of a dark terminal for text and cells that name none.
const DEFAULT_FG: [u8; 3] = [0xd4, 0xd4, 0xd4];
const DEFAULT_BG: [u8; 3] = [0x1e, 0x1e, 0x1e];

/// The sixteen named colours, as a common dark terminal theme draws them.
const ANSI: [[u8; 3]; 16] = [
    [0x1e, 0x1e, 0x1e],
    [0xcd, 0x31, 0x31],
    [0x0d, 0xbc, 0x79],
    [0xe5, 0xe5, 0x10],
    [0x24, 0x72, 0xc8],
    [0xbc, 0x3f, 0xbc],
    [0x11, 0xa8, 0xcd],
    [0xe5, 0xe5, 0xe5],
    [0x66, 0x66, 0x66],
    [0xf1, 0x4c, 0x4c],
    [0x23, 0xd1, 0x8b],
    [0xf5, 0xf5, 0x43],
    [0x3b, 0x8e, 0xea],
    [0xd6, 0x70, 0xd6],
    [0x29, 0xb8, 0xdb],
    [0xff, 0xff, 0xff],
];

/// Where the font is looked for when `--font` is not given (Debian, Fedora, Arch, macOS).
const FONT_PLACES: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/dejavu-sans-mono-fonts/DejaVuSansMono.ttf",
    "/usr/share/fonts/TTF/DejaVuSansMono.ttf",
    "/Library/Fonts/DejaVuSansMono.ttf",
];

struct Options {
    cols: NonZeroU16,
    rows: NonZeroU16,
    font: Option<PathBuf>,
    input: PathBuf,
    output: PathBuf,
}

fn main() -> ExitCode {
    match parse_options().and_then(|options| render(&options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("screenshot: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse_options() -> Result<Options, String> {
    let usage = "usage: screenshot --cols N --rows N [--font FILE.ttf] CAPTURE OUT.png";
    let mut args = std::env::args().skip(1);
    let (mut cols, mut rows, mut font) = (None, None, None);
    let mut files = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--cols" | "--rows" => {
                let value = args
                    .next()
                    .and_then(|v| v.parse::<NonZeroU16>().ok())
                    .ok_or_else(|| format!("{arg} needs a positive number; {usage}"))?;
                if arg == "--cols" {
                    cols = Some(value);
                } else {
                    rows = Some(value);
                }
            }
            "--font" => font = Some(PathBuf::from(args.next().ok_or(usage)?)),
            _ => files.push(PathBuf::from(arg)),
        }
    }
    let [input, output] = <[PathBuf; 2]>::try_from(files).map_err(|_| usage.to_string())?;
    Ok(Options {
        cols: cols.ok_or(usage)?,
        rows: rows.ok_or(usage)?,
        font,
        input,
        output,
    })
}

/// The regular face and, when it sits beside it, the bold one.
fn load_fonts(given: Option<&Path>) -> Result<(FontVec, Option<FontVec>), String> {
    let path = match given {
        Some(path) => path.to_path_buf(),
        None => FONT_PLACES
            .iter()
            .map(PathBuf::from)
            .find(|p| p.is_file())
            .ok_or("no DejaVu Sans Mono found; install it (Debian: apt-get install fonts-dejavu-core) or give --font FILE.ttf")?,
    };
    let read = |path: &Path| -> Result<FontVec, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        FontVec::try_from_vec(bytes).map_err(|e| format!("{}: {e}", path.display()))
    };
    let regular = read(&path)?;
    let bold_path = path.with_file_name(
        path.file_stem()
            .map(|s| format!("{}-Bold.ttf", s.to_string_lossy()))
            .unwrap_or_default(),
    );
    let bold = bold_path.is_file().then(|| read(&bold_path)).transpose()?;
    Ok((regular, bold))
}

fn render(options: &Options) -> Result<(), String> {
    let capture =
        std::fs::read(&options.input).map_err(|e| format!("{}: {e}", options.input.display()))?;
    let (regular, bold) = load_fonts(options.font.as_deref())?;

    // tmux ends capture lines with a bare newline; a terminal needs the carriage return too.
    let mut bytes = Vec::with_capacity(capture.len() + usize::from(options.rows.get()));
    for &byte in &capture {
        if byte == b'\n' {
            bytes.push(b'\r');
        }
        bytes.push(byte);
    }
    let mut parser = vt100::Parser::new(options.rows, options.cols, 0);
    // The last line's newline would scroll the first line away.
    parser.process(bytes.strip_suffix(b"\r\n").unwrap_or(&bytes));
    let screen = parser.screen();

    let scaled = regular.as_scaled(PxScale::from(FONT_PX));
    let cell_w = scaled.h_advance(regular.glyph_id('M')).ceil() as u32;
    let cell_h = (scaled.ascent() - scaled.descent() + scaled.line_gap()).ceil() as u32;
    let baseline = scaled.ascent();
    let (cols, rows) = (options.cols.get(), options.rows.get());
    let width = cell_w * u32::from(cols);
    let height = cell_h * u32::from(rows);
    let mut pixels = vec![0u8; (width * height * 3) as usize];

    for row in 0..rows {
        for col in 0..cols {
            let Some(cell) = screen.cell(row, col) else {
                continue;
            };
            if cell.is_wide_continuation() {
                continue;
            }
            let mut fg = colour(cell.fgcolor(), DEFAULT_FG);
            let mut bg = colour(cell.bgcolor(), DEFAULT_BG);
            if cell.inverse() {
                std::mem::swap(&mut fg, &mut bg);
            }
            if cell.dim() {
                fg = blend(bg, fg, 0.6);
            }
            let span = if cell.is_wide() { 2 } else { 1 };
            let (x0, y0) = (u32::from(col) * cell_w, u32::from(row) * cell_h);
            for y in y0..y0 + cell_h {
                for x in x0..(x0 + cell_w * span).min(width) {
                    put(&mut pixels, width, x, y, bg);
                }
            }
            let face = match (&bold, cell.bold()) {
                (Some(bold), true) => bold,
                _ => &regular,
            };
            for ch in cell.contents().chars() {
                let id = face.glyph_id(ch);
                if id.0 == 0 && ch != ' ' {
                    continue;
                }
                let glyph =
                    id.with_scale_and_position(FONT_PX, point(x0 as f32, y0 as f32 + baseline));
                if let Some(outline) = face.outline_glyph(glyph) {
                    let bounds = outline.px_bounds();
                    outline.draw(|gx, gy, coverage| {
                        let x = bounds.min.x as i64 + i64::from(gx);
                        let y = bounds.min.y as i64 + i64::from(gy);
                        if (0..i64::from(width)).contains(&x) && (0..i64::from(height)).contains(&y)
                        {
                            let (x, y) = (x as u32, y as u32);
                            let under = get(&pixels, width, x, y);
                            put(
                                &mut pixels,
                                width,
                                x,
                                y,
                                blend(under, fg, coverage.min(1.0)),
                            );
                        }
                    });
                }
            }
            if cell.underline() {
                let y = y0 + cell_h - 2;
                for x in x0..(x0 + cell_w * span).min(width) {
                    put(&mut pixels, width, x, y, fg);
                }
            }
        }
    }
    write_png(&options.output, width, height, &pixels)
}

/// A cell's colour as RGB: the 16 named colours, the 6x6x6 cube and the grey ramp of the
/// 256-colour palette, or the colour given directly.
fn colour(colour: vt100::Color, default: [u8; 3]) -> [u8; 3] {
    match colour {
        vt100::Color::Default => default,
        vt100::Color::Rgb(r, g, b) => [r, g, b],
        vt100::Color::Idx(i) if i < 16 => ANSI[usize::from(i)],
        vt100::Color::Idx(i) if i < 232 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let i = i - 16;
            [level(i / 36), level(i / 6 % 6), level(i % 6)]
        }
        vt100::Color::Idx(i) => {
            let grey = 8 + 10 * (i - 232);
            [grey, grey, grey]
        }
    }
}

fn blend(under: [u8; 3], over: [u8; 3], amount: f32) -> [u8; 3] {
    let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * amount).round() as u8;
    [
        mix(under[0], over[0]),
        mix(under[1], over[1]),
        mix(under[2], over[2]),
    ]
}

fn get(pixels: &[u8], width: u32, x: u32, y: u32) -> [u8; 3] {
    let at = ((y * width + x) * 3) as usize;
    [pixels[at], pixels[at + 1], pixels[at + 2]]
}

fn put(pixels: &mut [u8], width: u32, x: u32, y: u32, rgb: [u8; 3]) {
    let at = ((y * width + x) * 3) as usize;
    pixels[at..at + 3].copy_from_slice(&rgb);
}

fn write_png(path: &Path, width: u32, height: u32, pixels: &[u8]) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let file = File::create(path).map_err(|e| fail(&e))?;
    let mut encoder = png::Encoder::new(BufWriter::new(file), width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| fail(&e))?;
    writer.write_image_data(pixels).map_err(|e| fail(&e))?;
    writer.finish().map_err(|e| fail(&e))
}
