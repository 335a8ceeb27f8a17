(* Gidel, Bach, Lacoste-Julien (2019), Sec. 3.2, eq. (22) and Thm. 3:
   the per-layer recursion, the product recursion, and their iterates.

   Formula definitions are written on one line each, in plain arithmetic on R,
   so that they can be compared mechanically with the registry's SymPy forms. *)

Require Import Reals Lra Lia Psatz.
Open Scope R_scope.

(* ------------------------------------------------------------------------- *)
(* Formulas                                                                  *)

(* the product recursion (corrected (22)): w_{t+1} = w_t (1 + eta (sigma - lambda w_t))^2 *)
Definition step (sigma lam eta w : R) : R := w * (1 + eta * (sigma - lam * w)) ^ 2.

(* the per-layer recursion a_{t+1} = a_t + eta a_t (sigma - lambda a_t^2) *)
Definition layer_step (sigma lam eta a : R) : R := a + eta * a * (sigma - lam * a ^ 2).

(* (22) as printed, read as a recursion of w *)
Definition printed_step (sigma lam eta w : R) : R := w + eta * w * (sigma - lam * w * w).

(* the printed domain of Thm. 3 for the modes with sigma > 0, and the sigma = 0 branch *)
Definition domain (sigma lam eta w0 : R) : Prop := 0 < sigma /\ 0 < lam /\ 0 < eta /\ 0 < w0 /\ w0 < 1 /\ 2 * eta * sigma < 1.
Definition domain0 (lam eta w0 : R) : Prop := 0 < lam /\ 0 < eta /\ 0 < w0 /\ w0 < 1.

(* ------------------------------------------------------------------------- *)
(* Iterates                                                                  *)

Fixpoint iter (sigma lam eta w0 : R) (t : nat) : R :=
  match t with
  | O => w0
  | S n => step sigma lam eta (iter sigma lam eta w0 n)
  end.

Fixpoint layer_iter (sigma lam eta a0 : R) (t : nat) : R :=
  match t with
  | O => a0
  | S n => layer_step sigma lam eta (layer_iter sigma lam eta a0 n)
  end.

Fixpoint printed_iter (sigma lam eta w0 : R) (t : nat) : R :=
  match t with
  | O => w0
  | S n => printed_step sigma lam eta (printed_iter sigma lam eta w0 n)
  end.

Lemma iter_S : forall sigma lam eta w0 t,
  iter sigma lam eta w0 (S t) = step sigma lam eta (iter sigma lam eta w0 t).
Proof. reflexivity. Qed.

(* ------------------------------------------------------------------------- *)
(* Item 4: the identity behind (22)                                          *)

(* one step: the square of the per-layer update is the product update of the square *)
Lemma recursion_product_step : forall sigma lam eta a,
  (layer_step sigma lam eta a) ^ 2 = step sigma lam eta (a ^ 2).
Proof. intros; unfold layer_step, step; ring. Qed.

(* all t: w_t := a_t^2 follows the product recursion from w_0 = a_0^2 *)
Theorem recursion_product : forall sigma lam eta a0 t,
  (layer_iter sigma lam eta a0 t) ^ 2 = iter sigma lam eta (a0 ^ 2) t.
Proof.
  intros sigma lam eta a0 t; induction t as [|t IH]; simpl layer_iter; simpl iter.
  - reflexivity.
  - rewrite recursion_product_step, IH; reflexivity.
Qed.

(* the printed (22) is the per-layer recursion (same formula in the variable it updates) *)
Lemma printed_is_layer : forall sigma lam eta x,
  printed_step sigma lam eta x = layer_step sigma lam eta x.
Proof. intros; unfold printed_step, layer_step; ring. Qed.

(* ... and not the recursion of w = a^2: sigma = lambda = 1, eta = 1/4, w = 1/4
   (inside the printed domain) gives 79/256 for (22) and 361/1024 for the product
   recursion, which is the square of the per-layer step from a = 1/2. *)
Lemma printed_step_value : printed_step 1 1 (1 / 4) (1 / 4) = 79 / 256.
Proof. unfold printed_step; field. Qed.

Lemma step_value : step 1 1 (1 / 4) (1 / 4) = 361 / 1024.
Proof. unfold step; field. Qed.

Lemma layer_step_value : layer_step 1 1 (1 / 4) (1 / 2) = 19 / 32.
Proof. unfold layer_step; field. Qed.

Theorem printed_recursion_differs :
  domain 1 1 (1 / 4) (1 / 4) /\
  (1 / 2) ^ 2 = 1 / 4 /\
  (layer_iter 1 1 (1 / 4) (1 / 2) 1) ^ 2 = iter 1 1 (1 / 4) (1 / 4) 1 /\
  printed_iter 1 1 (1 / 4) (1 / 4) 1 <> iter 1 1 (1 / 4) (1 / 4) 1.
Proof.
  split; [unfold domain; lra|].
  split; [field|].
  split.
  - pose proof (recursion_product 1 1 (1 / 4) (1 / 2) 1) as H.
    replace ((1 / 2) ^ 2) with (1 / 4) in H by field. exact H.
  - simpl printed_iter; simpl iter.
    rewrite printed_step_value, step_value; lra.
Qed.

(* the printed (22) is not the product recursion as a map *)
Corollary printed_step_not_product :
  ~ (forall sigma lam eta w, printed_step sigma lam eta w = step sigma lam eta w).
Proof.
  intro H; specialize (H 1 1 (1 / 4) (1 / 4)).
  rewrite printed_step_value, step_value in H; lra.
Qed.

(* ------------------------------------------------------------------------- *)
(* General facts about the product recursion used by Thm. 3                  *)

Lemma step_nonneg : forall sigma lam eta w, 0 <= w -> 0 <= step sigma lam eta w.
Proof.
  intros; unfold step. apply Rmult_le_pos; [assumption|]. apply pow2_ge_0.
Qed.

Lemma iter_nonneg : forall sigma lam eta w0 t, 0 <= w0 -> 0 <= iter sigma lam eta w0 t.
Proof.
  intros sigma lam eta w0 t H; induction t as [|t IH]; simpl; [assumption|].
  apply step_nonneg; assumption.
Qed.

(* with y = eta (sigma - lambda w): sigma - lambda w' = (sigma - lambda w) ((1 + y)^2 - eta sigma (2 + y)) *)
Lemma step_gap : forall sigma lam eta w,
  sigma - lam * step sigma lam eta w =
  (sigma - lam * w) * ((1 + eta * (sigma - lam * w)) ^ 2 - eta * sigma * (2 + eta * (sigma - lam * w))).
Proof. intros; unfold step; ring. Qed.

(* the closed forms sigma w0 / (lambda w0 + G (sigma - lambda w0)) are positive when 0 <= G <= 1 *)
Lemma bound_den_pos : forall sigma lam w0 G,
  0 < sigma -> 0 < lam -> 0 < w0 -> 0 <= G -> G <= 1 ->
  0 < lam * w0 + G * (sigma - lam * w0).
Proof.
  intros sigma lam w0 G Hs Hl Hw HG0 HG1.
  destruct (Rle_lt_dec (lam * w0) sigma) as [Hle|Hgt].
  - assert (0 <= G * (sigma - lam * w0)) by (apply Rmult_le_pos; lra).
    assert (0 < lam * w0) by (apply Rmult_lt_0_compat; assumption). lra.
  - assert (G * (sigma - lam * w0) >= 1 * (sigma - lam * w0)) by nra. lra.
Qed.

Lemma pow_le_one : forall g t, 0 <= g -> g <= 1 -> 0 <= g ^ t <= 1.
Proof.
  intros g t H0 H1; induction t as [|t IH]; simpl; [lra|].
  split; [apply Rmult_le_pos; lra|]. nra.
Qed.

Lemma sq_pos : forall x, x <> 0 -> 0 < x ^ 2.
Proof.
  intros x Hx. destruct (Rlt_or_le x 0) as [H|H]; [nra|].
  assert (0 < x) by lra. nra.
Qed.

(* w <= 1 / K  <->  K <= 1 / w, for w, K > 0 *)
Lemma le_inv_iff : forall w K, 0 < w -> 0 < K -> (w <= / K <-> K <= / w).
Proof.
  intros w K Hw HK; split; intro H.
  - rewrite <- (Rinv_inv K). apply Rinv_le_contravar; assumption.
  - rewrite <- (Rinv_inv w). apply Rinv_le_contravar; assumption.
Qed.

(* the closed form as 1 / (lambda/sigma + G u0) *)
Lemma bound_as_inv : forall sigma lam w0 G,
  0 < sigma -> 0 < w0 -> 0 < lam * w0 + G * (sigma - lam * w0) ->
  sigma * w0 / (lam * w0 + G * (sigma - lam * w0)) = / (lam / sigma + G * (/ w0 - lam / sigma)).
Proof.
  intros sigma lam w0 G Hs Hw Hd.
  replace (lam / sigma + G * (/ w0 - lam / sigma)) with ((lam * w0 + G * (sigma - lam * w0)) / (sigma * w0))
    by (field; lra).
  rewrite Rinv_div. reflexivity.
Qed.

(* w >= 1 / K  <->  1 / w <= K, for w, K > 0 *)
Lemma ge_inv_iff : forall w K, 0 < w -> 0 < K -> (/ K <= w <-> / w <= K).
Proof.
  intros w K Hw HK; split; intro H.
  - rewrite <- (Rinv_inv K). apply Rinv_le_contravar; [apply Rinv_0_lt_compat|]; assumption.
  - rewrite <- (Rinv_inv w). apply Rinv_le_contravar; [apply Rinv_0_lt_compat|]; assumption.
Qed.

(* the u-recursion: u' = rho(y) u, u = 1/w - lambda/sigma, y = eta (sigma - lambda w) *)
Lemma u_step : forall sigma lam eta w,
  sigma <> 0 -> 0 < w -> 1 + eta * (sigma - lam * w) <> 0 ->
  / step sigma lam eta w - lam / sigma =
  (1 - eta * sigma * (eta * (sigma - lam * w) + 2) / (eta * (sigma - lam * w) + 1) ^ 2) * (/ w - lam / sigma).
Proof.
  intros sigma lam eta w Hs Hw Hy. unfold step.
  assert (Hy' : eta * (sigma - lam * w) + 1 <> 0) by (intro H0; apply Hy; lra).
  field. repeat split; try assumption; lra.
Qed.

(* the sign of u *)
Lemma u_form : forall sigma lam w, sigma <> 0 -> w <> 0 ->
  / w - lam / sigma = (sigma - lam * w) / (sigma * w).
Proof. intros; field; split; assumption. Qed.
