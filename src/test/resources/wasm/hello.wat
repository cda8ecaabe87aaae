;; A WASI program: prints its first argument's length and "hello, world\n", echoes stdin, exits 3
;; when stdin is "exit".
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "hello, world\n")
  (data (i32.const 200) "oops\n")
  (func $write (param $fd i32) (param $at i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $at))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "_start")
    (call $write (i32.const 1) (i32.const 100) (i32.const 13))
    (call $write (i32.const 2) (i32.const 200) (i32.const 5))
    ;; read up to 64 bytes of stdin to 1000 and echo them
    (i32.store (i32.const 16) (i32.const 1000))
    (i32.store (i32.const 20) (i32.const 64))
    (drop (call $fd_read (i32.const 0) (i32.const 16) (i32.const 1) (i32.const 24)))
    (call $write (i32.const 1) (i32.const 1000) (i32.load (i32.const 24)))
    (if (i32.eq (i32.load (i32.const 1000)) (i32.const 0x74697865))
      (then (call $proc_exit (i32.const 3)))))
)
