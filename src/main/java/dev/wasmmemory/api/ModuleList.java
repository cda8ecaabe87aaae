package dev.wasmmemory.api;

import java.util.List;

/** {@code GET /modules}: every module, oldest first. */
record ModuleList(List<ModuleInfo> modules) {}
