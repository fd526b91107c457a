//! Printing the exported PDF itself (vector text and rules, not pictures of the pages).
//!
//! Linux: GTK's print dialog (`GtkPrintUnixDialog`) chooses the printer and the job's settings
//! (copies, page ranges, duplex and the printer's other options); a `GtkPrintJob` then sends the
//! PDF file as the job's document, so CUPS receives exactly the bytes an export writes and
//! applies the settings itself. gtk-rs 0.18 does not bind GTK's Unix print API (it lives in
//! libgtk-3 beside the rest), so the few functions used are declared here.
//!
//! Elsewhere `SUPPORTED` is false and the UI prints through the web view instead.

use serde::Serialize;

/// What became of a print request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The job went to the printer's queue.
    Printed,
    /// The user closed the dialog without printing.
    Cancelled,
    /// This platform cannot print the PDF directly: print through the web view.
    Unsupported,
}

#[cfg(target_os = "linux")]
pub const SUPPORTED: bool = true;
#[cfg(not(target_os = "linux"))]
pub const SUPPORTED: bool = false;

#[cfg(not(target_os = "linux"))]
pub fn print_pdf(
    _window: &tauri::WebviewWindow,
    _title: &str,
    _pdf: &[u8],
    _id: &str,
) -> Result<Outcome, String> {
    Ok(Outcome::Unsupported)
}

#[cfg(target_os = "linux")]
pub use linux::print_pdf;

#[cfg(target_os = "linux")]
mod linux {
    use std::ffi::{c_char, c_int, c_uint, c_void, CStr, CString};
    use std::path::PathBuf;

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

    #[link(name = "gtk-3")]
    extern "C" {
        fn gtk_print_unix_dialog_new(
            title: *const c_char,
            parent: *mut GtkWindow,
        ) -> *mut GtkWidget;
        fn gtk_print_unix_dialog_set_manual_capabilities(dialog: *mut GtkWidget, caps: c_uint);
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
        let spool = Spool(std::env::temp_dir().join(format!("jobdoc-print-{id}.pdf")));
        std::fs::write(&spool.0, pdf)
            .map_err(|e| format!("cannot write {}: {e}", spool.0.display()))?;
        let c_title = CString::new(title.replace('\0', " ")).map_err(|e| e.to_string())?;
        let c_file =
            CString::new(spool.0.as_os_str().as_encoded_bytes()).map_err(|e| e.to_string())?;
        unsafe {
            let gtk_parent: *mut GtkWindow = parent.upcast_ref::<gtk::Window>().to_glib_none().0;
            let dialog = gtk_print_unix_dialog_new(c_title.as_ptr(), gtk_parent);
            gtk_print_unix_dialog_set_manual_capabilities(dialog, GENERATE_PDF);
            let response = gtk::ffi::gtk_dialog_run(dialog.cast());
            let outcome = if response == RESPONSE_OK {
                send(dialog, &c_title, &c_file, spool)
            } else {
                Ok(Outcome::Cancelled)
            };
            gtk::ffi::gtk_widget_destroy(dialog);
            outcome
        }
    }

    /// Sends the spooled PDF to the printer chosen in `dialog` with the dialog's settings.
    unsafe fn send(
        dialog: *mut GtkWidget,
        title: &CStr,
        file: &CStr,
        spool: Spool,
    ) -> Result<Outcome, String> {
        let printer = gtk_print_unix_dialog_get_selected_printer(dialog);
        if printer.is_null() {
            return Err("no printer was chosen".into());
        }
        if gtk_printer_accepts_pdf(printer) == 0 {
            let name = CStr::from_ptr(gtk_printer_get_name(printer)).to_string_lossy();
            return Err(format!("the printer {name} does not accept PDF documents"));
        }
        let settings = gtk_print_unix_dialog_get_settings(dialog);
        let page_setup = gtk_print_unix_dialog_get_page_setup(dialog);
        let job = gtk_print_job_new(title.as_ptr(), printer, settings, page_setup);
        gtk::glib::gobject_ffi::g_object_unref(settings.cast());
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
