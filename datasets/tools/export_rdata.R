# Exports the R lazy-load data bases of two Debian packages to plain UTF-8 files.
# Usage: Rscript export_rdata.R <package-root> <out-dir>
# <package-root> is a dpkg-deb -x extraction root (contains usr/lib/R/site-library/...).
# Only base R is needed: the packages themselves (and their dependencies) are never loaded.
args <- commandArgs(trailingOnly = TRUE)
root <- args[1]
out <- args[2]
lib <- file.path(root, "usr", "lib", "R", "site-library")

austen <- new.env()
lazyLoad(file.path(lib, "janeaustenr", "data", "Rdata"), envir = austen)
for (n in c("emma", "mansfieldpark", "northangerabbey", "persuasion", "prideprejudice",
            "sensesensibility")) {
  con <- file(file.path(out, paste0("austen_", n, ".txt")), open = "w", encoding = "UTF-8")
  writeLines(enc2utf8(as.character(get(n, envir = austen))), con)
  invisible(close(con))
}

model <- new.env()
lazyLoad(file.path(lib, "modeldata", "data", "Rdata"), envir = model)
for (n in c("training_data", "testing_data")) {
  d <- get(n, envir = model)
  # One review per line: score, then the review with tabs and line breaks flattened.
  review <- gsub("[\t\r\n]+", " ", enc2utf8(as.character(d[["review"]])))
  score <- as.character(d[["score"]])
  con <- file(file.path(out, paste0("foods_", n, ".tsv")), open = "w", encoding = "UTF-8")
  writeLines(paste(score, review, sep = "\t"), con)
  invisible(close(con))
}
