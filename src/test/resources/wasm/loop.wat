;; The benchmark's module: n i32 load+store pairs over the first 64 KiB of an imported memory.
(module
  (import "env" "memory" (memory 1))
  (func (export "run") (param $n i32)
    (local $i i32) (local $at i32)
    (loop $next
      (local.set $at (i32.and (i32.shl (local.get $i) (i32.const 2)) (i32.const 0xfffc)))
      (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n)))))
  (func (export "nop"))
)
