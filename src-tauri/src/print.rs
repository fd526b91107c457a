//! Printing the exported PDF itself (vector text and rules, not pictures of the pages).
//!
//! Linux: GTK's print dialog (`GtkPrintUnixDialog`) chooses the printer and the job's settings
//! (copies, page ranges, duplex and the printer's other options); a `GtkPrintJob` then sends the
//! PDF file as the job's document, so CUPS receives exactly the bytes an export writes and
//! applies the settings itself (the page range handed over explicitly: GTK keeps it for
//! whoever draws the pages). gtk-rs 0.18 does not bind GTK's Unix print API (it lives in
//! libgtk-3 beside the rest), so the few functions used are declared here.
//!
//! macOS: PDFKit reads the PDF and makes the print operation; the system print panel chooses
//! the printer, copies, page range and two-sided printing, and Quartz draws the pages as
//! vectors. (Type-checked here for x86_64-apple-darwin; built and run on macOS only by the
//! bundles workflow.)
//!
//! Windows: the PDF opens in a window of its own, shown by WebView2's PDF viewer (the page
//! as exported, which doubles as the print preview), and WebView2 opens the system print dialog
//! over it (`ShowPrintUI`, the system kind): the printer, copies, page range and two-sided
//! printing come from that dialog, and the viewer's PDF engine sends the pages as vectors. The
//! window stays open for another print; its temporary PDF goes when it closes. (Type-checked
//! here for x86_64-pc-windows-msvc; built and run on Windows only by the bundles workflow.)
//!
//! Elsewhere `SUPPORTED` is false and the shell answers `Unsupported`: the UI prints through
//! the web view instead.

/// What became of a print request (the shell reports it to the UI as
/// `jobdoc_session::transport::PrintOutcome`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The job went to the printer's queue.
    Printed,
    /// The user closed the dialog without printing.
    Cancelled,
    /// The PDF and the system print dialog opened in a window of their own (Windows); what
    /// the user does there is not reported back.
    #[cfg_attr(not(windows), allow(dead_code))]
    Opened,
}

#[cfg(any(target_os = "linux", target_os = "macos", windows))]
pub const SUPPORTED: bool = true;
#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
pub const SUPPORTED: bool = false;

/// Where `SUPPORTED` is false the shell never calls this (it prints through the web view).
#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
pub fn print_pdf(
    _window: &tauri::WebviewWindow,
    _title: &str,
    _pdf: &[u8],
    _id: &str,
) -> Result<Outcome, String> {
    Err("this system cannot print the PDF itself".into())
}

/// The scripted printer of the end-to-end tests, which run on Linux only.
#[cfg(not(target_os = "linux"))]
pub fn print_pdf_to(
    _printer: &str,
    _settings: &[(String, String)],
    _title: &str,
    _pdf: &[u8],
    _id: &str,
) -> Result<Outcome, String> {
    Err("printing to a named printer is for the Linux end-to-end tests".into())
}

#[cfg(target_os = "linux")]
pub use linux::{print_pdf, print_pdf_to};

/// `pdf` written to the temporary file of print job `id` (its owner removes it).
#[cfg(any(target_os = "linux", windows))]
fn write_temporary_pdf(pdf: &[u8], id: &str) -> Result<std::path::PathBuf, String> {
    let path = std::env::temp_dir().join(format!("jobdoc-print-{id}.pdf"));
    std::fs::write(&path, pdf).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

/// GTK's page ranges (pages counted from 0, `(start, end)` inclusive) as CUPS's `page-ranges`
/// value (counted from 1: `1-2,5`); `None` when no range names a page.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn cups_page_ranges(ranges: &[(i32, i32)]) -> Option<String> {
    let parts: Vec<String> = ranges
        .iter()
        .filter(|&&(start, end)| start >= 0 && end >= start)
        .map(|&(start, end)| {
            if start == end {
                format!("{}", start + 1)
            } else {
                format!("{}-{}", start + 1, end + 1)
            }
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(","))
}

#[cfg(test)]
mod tests {
    use super::cups_page_ranges;

    #[test]
    fn gtk_page_ranges_become_cups_page_ranges() {
        assert_eq!(cups_page_ranges(&[(0, 1)]).as_deref(), Some("1-2"));
        assert_eq!(
            cups_page_ranges(&[(0, 0), (2, 4)]).as_deref(),
            Some("1,3-5")
        );
        assert_eq!(cups_page_ranges(&[(4, 2), (-1, 3)]), None);
        assert_eq!(cups_page_ranges(&[]), None);
    }
}
#[cfg(target_os = "macos")]
pub use macos::print_pdf;
#[cfg(windows)]
pub use windows::print_pdf;

#[cfg(windows)]
mod windows {
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    use tauri::webview::PageLoadEvent;
    use tauri::{Manager, WebviewUrl, WebviewWindowBuilder, WindowEvent};
    use webview2_com::Microsoft::Web::WebView2::Win32::{
        ICoreWebView2_16, COREWEBVIEW2_PRINT_DIALOG_KIND_SYSTEM,
    };
    use windows_core::Interface;

    use super::Outcome;

    /// Writes `pdf` to a temporary file and opens it in a print window owned by `window`,
    /// where the system print dialog appears once the viewer has loaded it. Returns at once:
    /// the window is made on the event loop, because WebView2 deadlocks when a window is
    /// built inside a synchronous command.
    pub fn print_pdf(
        window: &tauri::WebviewWindow,
        title: &str,
        pdf: &[u8],
        id: &str,
    ) -> Result<Outcome, String> {
        let spool = super::write_temporary_pdf(pdf, id)?;
        let url = tauri::Url::from_file_path(&spool)
            .map_err(|()| format!("{} is not a file URL", spool.display()))?;
        let owner = window.clone();
        let (title, label) = (title.to_string(), format!("print-{id}"));
        window
            .run_on_main_thread(move || {
                if let Err(e) = open_print_window(&owner, &label, &title, url, spool.clone()) {
                    eprintln!("jobdoc: the print window did not open: {e}");
                    let _ = std::fs::remove_file(&spool);
                }
            })
            .map_err(|e| e.to_string())?;
        Ok(Outcome::Opened)
    }

    fn open_print_window(
        owner: &tauri::WebviewWindow,
        label: &str,
        title: &str,
        url: tauri::Url,
        spool: PathBuf,
    ) -> Result<(), String> {
        // The dialog opens once: a reload of the viewer does not bring it back.
        let asked = Arc::new(AtomicBool::new(false));
        let print_window =
            WebviewWindowBuilder::new(owner.app_handle(), label, WebviewUrl::External(url))
                .title(title)
                .inner_size(720.0, 960.0)
                .owner(owner)
                .map_err(|e| e.to_string())?
                .on_page_load(move |webview, payload| {
                    if payload.event() == PageLoadEvent::Finished
                        && !asked.swap(true, Ordering::SeqCst)
                    {
                        let _ =
                            webview.with_webview(|platform| show_system_print_dialog(&platform));
                    }
                })
                .build()
                .map_err(|e| e.to_string())?;
        print_window.on_window_event(move |event| {
            if let WindowEvent::Destroyed = event {
                let _ = std::fs::remove_file(&spool);
            }
        });
        Ok(())
    }

    /// WebView2's system print dialog for the document shown (a PDF: the viewer prints it).
    /// Runtimes before 1.0.1518 lack it; the viewer's own print button is still there.
    fn show_system_print_dialog(platform: &tauri::webview::PlatformWebview) {
        // SAFETY: COM calls on the UI thread, where `with_webview` runs its closure, on
        // interfaces the controller hands out.
        unsafe {
            let Ok(core) = platform.controller().CoreWebView2() else {
                return;
            };
            if let Ok(core16) = core.cast::<ICoreWebView2_16>() {
                if let Err(e) = core16.ShowPrintUI(COREWEBVIEW2_PRINT_DIALOG_KIND_SYSTEM) {
                    eprintln!("jobdoc: the system print dialog did not open: {e}");
                }
            }
        }
    }
}

#[cfg(target_os = "macos")]
mod macos {
    use objc2::{AllocAnyThread, MainThreadMarker};
    use objc2_app_kit::NSPrintInfo;
    use objc2_foundation::{NSCopying, NSData, NSSize, NSString};
    use objc2_pdf_kit::{PDFDocument, PDFPrintScalingMode};

    use super::Outcome;

    /// A4 in PostScript points, the paper of every Jobdoc page.
    const A4: NSSize = NSSize {
        width: 595.275_6,
        height: 841.889_8,
    };

    /// Shows the system print panel and prints `pdf` on the chosen printer at its own size
    /// (no scaling, no rotation). Runs on the main thread (Tauri's synchronous commands do).
    pub fn print_pdf(
        _window: &tauri::WebviewWindow,
        title: &str,
        pdf: &[u8],
        _id: &str,
    ) -> Result<Outcome, String> {
        let mtm = MainThreadMarker::new().ok_or("printing must start on the main thread")?;
        let data = NSData::with_bytes(pdf);
        // SAFETY: a fresh allocation initialised once; PDFKit copies what it needs from `data`.
        let document = unsafe { PDFDocument::initWithData(PDFDocument::alloc(), &data) }
            .ok_or("PDFKit could not read the PDF")?;
        // A copy: the shared print info is the app's default for every later print.
        let info = NSPrintInfo::sharedPrintInfo().copy();
        info.setPaperSize(A4);
        // The page's own margins are in the PDF; the printer adds only its unprintable edge.
        info.setTopMargin(0.0);
        info.setBottomMargin(0.0);
        info.setLeftMargin(0.0);
        info.setRightMargin(0.0);
        // SAFETY: called on the main thread (`mtm`) with a live document and print info.
        let operation = unsafe {
            document.printOperationForPrintInfo_scalingMode_autoRotate(
                Some(&info),
                PDFPrintScalingMode::PageScaleNone,
                false,
                mtm,
            )
        }
        .ok_or("PDFKit made no print operation")?;
        operation.setJobTitle(Some(&NSString::from_str(title)));
        operation.setShowsPrintPanel(true);
        operation.setShowsProgressPanel(true);
        Ok(if operation.runOperation() {
            Outcome::Printed
        } else {
            Outcome::Cancelled
        })
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use std::cell::RefCell;
    use std::ffi::{c_char, c_int, c_uint, c_void, CStr, CString};
    use std::path::PathBuf;
    use std::rc::Rc;
    use std::time::{Duration, Instant};

    use gtk::ffi::{GtkPageSetup, GtkPrintSettings, GtkWidget, GtkWindow};
    use gtk::glib::ffi::{gboolean, gpointer, GError};
    use gtk::glib::translate::ToGlibPtr;
    use gtk::prelude::*;

    use super::Outcome;

    /// `GtkPrinter` and `GtkPrintJob`: only ever behind pointers here.
    type GtkPrinter = c_void;
    type GtkPrintJob = c_void;

    /// `GTK_PRINT_CAPABILITY_GENERATE_PDF`: the document is PDF. Copies, collation, reversal
    /// and page ranges are left to the printer's backend (CUPS), which applies them to the
    /// PDF; the app does none of them by hand.
    const GENERATE_PDF: c_uint = 1 << 5;
    /// `GTK_RESPONSE_OK` (the Print button); anything else is a cancel.
    const RESPONSE_OK: c_int = -5;

    type SendCallback = unsafe extern "C" fn(*mut GtkPrintJob, gpointer, *const GError);
    /// How long a scripted print waits for its printer to be listed.
    const PRINTER_SEARCH: Duration = Duration::from_secs(15);
    type PrinterCallback = unsafe extern "C" fn(*mut GtkPrinter, gpointer) -> gboolean;

    #[link(name = "gtk-3")]
    extern "C" {
        fn gtk_print_unix_dialog_new(
            title: *const c_char,
            parent: *mut GtkWindow,
        ) -> *mut GtkWidget;
        fn gtk_print_unix_dialog_set_manual_capabilities(dialog: *mut GtkWidget, caps: c_uint);
        fn gtk_print_unix_dialog_set_page_setup(dialog: *mut GtkWidget, setup: *mut GtkPageSetup);
        fn gtk_print_unix_dialog_get_selected_printer(dialog: *mut GtkWidget) -> *mut GtkPrinter;
        fn gtk_print_unix_dialog_get_settings(dialog: *mut GtkWidget) -> *mut GtkPrintSettings;
        fn gtk_print_unix_dialog_get_page_setup(dialog: *mut GtkWidget) -> *mut GtkPageSetup;
        fn gtk_printer_accepts_pdf(printer: *mut GtkPrinter) -> gboolean;
        fn gtk_printer_get_name(printer: *mut GtkPrinter) -> *const c_char;
        fn gtk_print_job_new(
            title: *const c_char,
            printer: *mut GtkPrinter,
            settings: *mut GtkPrintSettings,
            page_setup: *mut GtkPageSetup,
        ) -> *mut GtkPrintJob;
        fn gtk_print_job_set_source_file(
            job: *mut GtkPrintJob,
            filename: *const c_char,
            error: *mut *mut GError,
        ) -> gboolean;
        fn gtk_enumerate_printers(
            func: PrinterCallback,
            data: gpointer,
            destroy: Option<unsafe extern "C" fn(gpointer)>,
            wait: gboolean,
        );
        fn gtk_print_job_send(
            job: *mut GtkPrintJob,
            callback: Option<SendCallback>,
            user_data: gpointer,
            dnotify: Option<unsafe extern "C" fn(gpointer)>,
        );
    }

    /// The temporary PDF of a job, removed once GTK has sent it (or failed to).
    struct Spool(PathBuf);

    impl Drop for Spool {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }

    unsafe extern "C" fn job_sent(job: *mut GtkPrintJob, _data: gpointer, error: *const GError) {
        if !error.is_null() {
            let message = CStr::from_ptr((*error).message).to_string_lossy();
            eprintln!("jobdoc: the print job was not sent: {message}");
        }
        gtk::glib::gobject_ffi::g_object_unref(job.cast());
    }

    unsafe extern "C" fn drop_spool(data: gpointer) {
        drop(Box::from_raw(data.cast::<Spool>()));
    }

    /// Shows the print dialog over `window` and sends `pdf` to the chosen printer. Must run on
    /// the main thread (GTK). `id` makes the temporary file's name unique.
    pub fn print_pdf(
        window: &tauri::WebviewWindow,
        title: &str,
        pdf: &[u8],
        id: &str,
    ) -> Result<Outcome, String> {
        let parent = window.gtk_window().map_err(|e| e.to_string())?;
        let spool = write_spool(pdf, id)?;
        let (c_title, c_file) = job_strings(title, &spool)?;
        unsafe {
            let gtk_parent: *mut GtkWindow = parent.upcast_ref::<gtk::Window>().to_glib_none().0;
            let dialog = gtk_print_unix_dialog_new(c_title.as_ptr(), gtk_parent);
            gtk_print_unix_dialog_set_manual_capabilities(dialog, GENERATE_PDF);
            let a4 = a4_page_setup();
            gtk_print_unix_dialog_set_page_setup(dialog, a4);
            gtk::glib::gobject_ffi::g_object_unref(a4.cast());
            let response = gtk::ffi::gtk_dialog_run(dialog.cast());
            let outcome = if response == RESPONSE_OK {
                send_chosen(dialog, &c_title, &c_file, spool)
            } else {
                Ok(Outcome::Cancelled)
            };
            gtk::ffi::gtk_widget_destroy(dialog);
            outcome
        }
    }

    /// Sends `pdf` to the printer named `printer` with the print settings `settings` (GTK's
    /// keys: `n-copies`, `print-pages` + `page-ranges`, `duplex`, `cups-…`), as the dialog would
    /// after the user chose them: the same job, through the same backend. The end-to-end tests
    /// use it (WebDriver cannot reach the GTK dialog); the printer must be known to GTK's
    /// backends (CUPS: `CUPS_SERVER`).
    pub fn print_pdf_to(
        printer: &str,
        settings: &[(String, String)],
        title: &str,
        pdf: &[u8],
        id: &str,
    ) -> Result<Outcome, String> {
        let spool = write_spool(pdf, id)?;
        let (c_title, c_file) = job_strings(title, &spool)?;
        let wanted = CString::new(printer).map_err(|e| e.to_string())?;
        unsafe {
            let found = find_printer(&wanted);
            if found.is_null() {
                return Err(format!("no printer named {printer}"));
            }
            let print_settings = gtk::ffi::gtk_print_settings_new();
            for (key, value) in settings {
                let (k, v) = (
                    CString::new(key.as_str()).map_err(|e| e.to_string())?,
                    CString::new(value.as_str()).map_err(|e| e.to_string())?,
                );
                gtk::ffi::gtk_print_settings_set(print_settings, k.as_ptr(), v.as_ptr());
            }
            let page_setup = a4_page_setup();
            let sent = send(found, print_settings, page_setup, &c_title, &c_file, spool);
            gtk::glib::gobject_ffi::g_object_unref(print_settings.cast());
            gtk::glib::gobject_ffi::g_object_unref(page_setup.cast());
            gtk::glib::gobject_ffi::g_object_unref(found.cast());
            sent
        }
    }

    /// The printer GTK's backends know by `name` (a new reference), or null when none has
    /// listed it within `PRINTER_SEARCH` (a backend may never finish listing: with Debian 12's
    /// libcups2 2.4.2-3+deb12u10 GTK's CUPS backend busy-waits and lists nothing,
    /// OpenPrinting/cups#1429). Runs GTK's main loop while it waits: call on the main thread.
    unsafe fn find_printer(name: &CStr) -> *mut GtkPrinter {
        struct Search {
            name: CString,
            found: *mut GtkPrinter,
            /// The caller stopped waiting: printers listed later are not taken.
            abandoned: bool,
            /// GTK ended the enumeration (found, or every backend done).
            ended: bool,
        }
        unsafe extern "C" fn visit(printer: *mut GtkPrinter, data: gpointer) -> gboolean {
            let search = &*data.cast::<RefCell<Search>>();
            let mut search = search.borrow_mut();
            if search.abandoned {
                return 1;
            }
            if CStr::from_ptr(gtk_printer_get_name(printer)) == search.name.as_c_str() {
                search.found = gtk::glib::gobject_ffi::g_object_ref(printer.cast()).cast();
                return 1;
            }
            0
        }
        unsafe extern "C" fn ended(data: gpointer) {
            let search = Rc::from_raw(data.cast::<RefCell<Search>>());
            search.borrow_mut().ended = true;
        }
        let search = Rc::new(RefCell::new(Search {
            name: name.to_owned(),
            found: std::ptr::null_mut(),
            abandoned: false,
            ended: false,
        }));
        let data = Rc::into_raw(Rc::clone(&search)) as gpointer;
        gtk_enumerate_printers(visit, data, Some(ended), 0);
        let deadline = Instant::now() + PRINTER_SEARCH;
        let context = gtk::glib::MainContext::default();
        loop {
            {
                let s = search.borrow();
                if !s.found.is_null() || s.ended || Instant::now() >= deadline {
                    break;
                }
            }
            if !context.iteration(false) {
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        let mut s = search.borrow_mut();
        s.abandoned = true;
        std::mem::replace(&mut s.found, std::ptr::null_mut())
    }

    /// A4 portrait, the paper of every Jobdoc page: without it GTK offers the locale's paper
    /// (Letter in the C locale) and CUPS would scale the pages to it.
    unsafe fn a4_page_setup() -> *mut GtkPageSetup {
        let setup = gtk::ffi::gtk_page_setup_new();
        let paper = gtk::ffi::gtk_paper_size_new(c"iso_a4".as_ptr());
        gtk::ffi::gtk_page_setup_set_paper_size(setup, paper);
        gtk::ffi::gtk_paper_size_free(paper);
        setup
    }

    /// The job's file: the PDF written to a temporary file that lives as long as the job.
    fn write_spool(pdf: &[u8], id: &str) -> Result<Spool, String> {
        super::write_temporary_pdf(pdf, id).map(Spool)
    }

    fn job_strings(title: &str, spool: &Spool) -> Result<(CString, CString), String> {
        let c_title = CString::new(title.replace('\0', " ")).map_err(|e| e.to_string())?;
        let c_file =
            CString::new(spool.0.as_os_str().as_encoded_bytes()).map_err(|e| e.to_string())?;
        Ok((c_title, c_file))
    }

    /// The printer and settings the user chose in `dialog`.
    unsafe fn send_chosen(
        dialog: *mut GtkWidget,
        title: &CStr,
        file: &CStr,
        spool: Spool,
    ) -> Result<Outcome, String> {
        let printer = gtk_print_unix_dialog_get_selected_printer(dialog);
        if printer.is_null() {
            return Err("no printer was chosen".into());
        }
        let settings = gtk_print_unix_dialog_get_settings(dialog);
        let page_setup = gtk_print_unix_dialog_get_page_setup(dialog);
        let sent = send(printer, settings, page_setup, title, file, spool);
        gtk::glib::gobject_ffi::g_object_unref(settings.cast());
        sent
    }

    /// GTK leaves the chosen page range to whoever draws the pages, and a job whose document
    /// is a file goes to the printer whole: the range is handed to CUPS as its own job option
    /// (`page-ranges`, which CUPS's pdftopdf applies), counted from 1 as CUPS counts.
    unsafe fn pass_page_ranges(settings: *mut GtkPrintSettings) {
        if gtk::ffi::gtk_print_settings_get_print_pages(settings)
            != gtk::ffi::GTK_PRINT_PAGES_RANGES
        {
            return;
        }
        let mut n: c_int = 0;
        let ranges = gtk::ffi::gtk_print_settings_get_page_ranges(settings, &mut n);
        if ranges.is_null() {
            return;
        }
        let list: Vec<(i32, i32)> = std::slice::from_raw_parts(ranges, n.max(0) as usize)
            .iter()
            .map(|r| (r.start, r.end))
            .collect();
        gtk::glib::ffi::g_free(ranges.cast());
        if let Some(value) = super::cups_page_ranges(&list) {
            if let Ok(value) = CString::new(value) {
                gtk::ffi::gtk_print_settings_set(
                    settings,
                    c"cups-page-ranges".as_ptr(),
                    value.as_ptr(),
                );
            }
        }
    }

    /// Sends the spooled PDF to `printer` as one job with `settings`.
    unsafe fn send(
        printer: *mut GtkPrinter,
        settings: *mut GtkPrintSettings,
        page_setup: *mut GtkPageSetup,
        title: &CStr,
        file: &CStr,
        spool: Spool,
    ) -> Result<Outcome, String> {
        if gtk_printer_accepts_pdf(printer) == 0 {
            let name = CStr::from_ptr(gtk_printer_get_name(printer)).to_string_lossy();
            return Err(format!("the printer {name} does not accept PDF documents"));
        }
        pass_page_ranges(settings);
        let job = gtk_print_job_new(title.as_ptr(), printer, settings, page_setup);
        let mut error: *mut GError = std::ptr::null_mut();
        if gtk_print_job_set_source_file(job, file.as_ptr(), &mut error) == 0 {
            let message = if error.is_null() {
                "the print job did not accept the PDF".to_string()
            } else {
                let m = CStr::from_ptr((*error).message)
                    .to_string_lossy()
                    .into_owned();
                gtk::glib::ffi::g_error_free(error);
                m
            };
            gtk::glib::gobject_ffi::g_object_unref(job.cast());
            return Err(message);
        }
        let data = Box::into_raw(Box::new(spool)).cast();
        gtk_print_job_send(job, Some(job_sent), data, Some(drop_spool));
        Ok(Outcome::Printed)
    }
}
