#!/usr/bin/python3
"""A stand-in file manager for the end-to-end tests: owns org.freedesktop.FileManager1 on the
session bus (the interface Nautilus, Dolphin and Nemo implement) and appends every ShowItems /
ShowFolders request to a log file, one URI per line, instead of opening a window.

    fake_file_manager.py LOG_FILE      (prints "ready" once the name is owned)
"""
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

NAME = "org.freedesktop.FileManager1"
PATH = "/org/freedesktop/FileManager1"


class FileManager(dbus.service.Object):
    def __init__(self, bus, log_file):
        super().__init__(bus, PATH)
        self.log_file = log_file

    def record(self, kind, uris):
        with open(self.log_file, "a", encoding="utf-8") as log:
            for uri in uris:
                log.write(f"{kind} {uri}\n")

    @dbus.service.method(NAME, in_signature="ass", out_signature="")
    def ShowItems(self, uris, startup_id):
        self.record("ShowItems", uris)

    @dbus.service.method(NAME, in_signature="ass", out_signature="")
    def ShowFolders(self, uris, startup_id):
        self.record("ShowFolders", uris)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    name = dbus.service.BusName(NAME, bus, do_not_queue=True)
    FileManager(bus, sys.argv[1])
    print("ready", flush=True)
    GLib.MainLoop().run()
    del name
    return 0


if __name__ == "__main__":
    sys.exit(main())
